import { useTranslation } from "react-i18next";
import { useFormat } from "../ui/format";
import { useLiftSignInDelay, useSignInDelay } from "./queries";

/**
 * Whether the account waits after repeated failed sign-ins (from anywhere), and a button
 * for the coordinator to lift the wait at once — someone failing on purpose must not keep
 * a colleague out.
 */
export function SignInDelay({ userId }: { userId: string }) {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const query = useSignInDelay(userId);
  const lift = useLiftSignInDelay(userId);
  if (!query.data) return null;
  const { failures, waits_until: waitsUntil } = query.data;
  return (
    <section className="form-panel" aria-labelledby="sign-in-delay">
      <h2 id="sign-in-delay">{t("users.signIn.title")}</h2>
      <p>
        {waitsUntil
          ? t("users.signIn.waiting", { count: failures, time: format.dateTime(waitsUntil) })
          : t("users.signIn.free")}{" "}
        {!waitsUntil && failures > 0 && t("users.signIn.failures", { count: failures })}
      </p>
      {waitsUntil && (
        <button type="button" onClick={() => lift.mutate()} disabled={lift.isPending}>
          {t("users.signIn.lift")}
        </button>
      )}
      <p role="status">{lift.isSuccess ? t("users.signIn.lifted") : ""}</p>
    </section>
  );
}
