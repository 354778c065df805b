import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PublicLayout } from "../layout/PublicLayout";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import "./accessibility.css";

/** Key information in Leichte Sprache. Always German: Leichte Sprache is a German standard. */
export default function EasyLanguagePage() {
  const { t, i18n } = useTranslation("accessibility");
  useDocumentTitle("Leichte Sprache");
  return (
    <PublicLayout>
      <article className="easy-language" lang="de">
        <h1>KoKoMa in Leichter Sprache</h1>
        {/* In the reader's language: says what this page is, also to those who read no German. */}
        <p className="notice notice-info" lang={i18n.language}>
          {t("easyLanguageIntro")}
        </p>

        <h2>Was ist KoKoMa?</h2>
        <p>KoKoMa ist ein Programm im Internet.</p>
        <p>KoKoMa ist für Menschen, die in einer Gemeinde arbeiten.</p>
        <p>Diese Menschen helfen bei Streit in der Gemeinde.</p>
        <p>
          Sie heißen: <strong>Konflikt-Manager</strong>.
        </p>
        <p>Ein Konflikt ist ein Streit.</p>
        <p>Zum Beispiel: Menschen streiten über ein Windrad.</p>
        <p>Oder: Menschen werden bedroht, weil sie sich für andere einsetzen.</p>
        <p>Die Konflikt-Manager schreiben in KoKoMa auf, was passiert.</p>
        <p>So können sie gut helfen.</p>

        <h2>Wie bekomme ich Hilfe?</h2>
        <p>Gibt es in Ihrer Gemeinde einen Streit?</p>
        <p>Dann können Sie mit einem Konflikt-Manager sprechen.</p>
        <p>Rufen Sie bei Ihrer Gemeinde an.</p>
        <p>Oder gehen Sie zu Ihrer Gemeinde.</p>
        <p>Sagen Sie: Ich möchte mit dem Konflikt-Management sprechen.</p>
        <p>Das Gespräch kostet nichts.</p>
        <p>Das Gespräch ist vertraulich.</p>
        <p>Das heißt: Die Konflikt-Manager erzählen es nicht weiter.</p>

        <h2>Wie benutze ich diese Internet-Seite?</h2>
        <p>Die meisten Seiten von KoKoMa sind nur für Mitarbeiter der Gemeinde.</p>
        <p>Dafür braucht man einen Namen und ein Passwort.</p>
        <p>Diese Seiten können alle Menschen lesen:</p>
        <ul>
          <li>
            <Link to={paths.easyLanguage}>diese Seite in Leichter Sprache</Link>
          </li>
          <li>
            <Link to={paths.accessibilityStatement}>die Erklärung zur Barriere-Freiheit</Link>
          </li>
          <li>
            <Link to={paths.privacyNotice}>die Informationen zum Daten-Schutz</Link>
          </li>
        </ul>
        <p>Sie können die Seite mit der Tastatur benutzen.</p>
        <p>Mit der Taste Tab kommen Sie zum nächsten Link.</p>
        <p>Sie können die Schrift größer machen.</p>
        <p>Drücken Sie dafür die Taste Strg und die Taste Plus.</p>

        <h2>Was passiert mit meinen Daten?</h2>
        <p>Die Gemeinde schreibt manchmal Ihren Namen auf.</p>
        <p>Sie dürfen fragen: Was steht über mich in KoKoMa?</p>
        <p>Sie dürfen sagen: Bitte löschen Sie meine Daten.</p>
        <p>Fragen Sie dafür bei Ihrer Gemeinde.</p>

        <h2>Etwas funktioniert nicht?</h2>
        <p>Können Sie etwas auf dieser Seite nicht benutzen?</p>
        <p>Dann sagen Sie es uns.</p>
        <p>
          Auf der Seite <Link to={paths.accessibilityStatement}>Barriere-Freiheit</Link> gibt es ein Formular dafür.
        </p>
      </article>
    </PublicLayout>
  );
}
