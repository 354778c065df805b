import { useTranslation } from "react-i18next";

/** The video meeting's address as a row of a detail list, opening in a new tab. */
export function VideoLinkRow({ link }: { link: string | null }) {
  const { t } = useTranslation("peer");
  return (
    <div className="detail-row">
      <dt>{t("group.fields.video_link")}</dt>
      <dd>
        {link ? (
          <a href={link} rel="noreferrer noopener" target="_blank">
            {link}
          </a>
        ) : (
          "–"
        )}
      </dd>
    </div>
  );
}
