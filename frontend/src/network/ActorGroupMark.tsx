import { useTranslation } from "react-i18next";
import { GROUP_COLOURS } from "./model";
import type { ActorGroup } from "./model";

/** An actor group as on the map: its coloured code, then its name (the name carries the meaning). */
export function ActorGroupMark({ group }: { group: ActorGroup }) {
  const { t } = useTranslation("network");
  return (
    <span className="group-mark">
      <span className="group-code" style={{ background: GROUP_COLOURS[group] }} aria-hidden="true">
        {t(`actorGroupCode.${group}`)}
      </span>
      {t(`actorGroup.${group}`)}
    </span>
  );
}
