/**
 * Every translation namespace: the app's own texts (`translation`) and one per feature
 * folder, kept in `src/<feature>/locales/{de,en}.json`. Register a new folder here, in
 * both languages.
 */
import de from "./de.json";
import en from "./en.json";
import uiDe from "../ui/locales/de.json";
import uiEn from "../ui/locales/en.json";
import dashboardDe from "../dashboard/locales/de.json";
import dashboardEn from "../dashboard/locales/en.json";
import casesDe from "../cases/locales/de.json";
import casesEn from "../cases/locales/en.json";
import analysisDe from "../analysis/locales/de.json";
import analysisEn from "../analysis/locales/en.json";
import consultationsDe from "../consultations/locales/de.json";
import consultationsEn from "../consultations/locales/en.json";
import networkDe from "../network/locales/de.json";
import networkEn from "../network/locales/en.json";
import trainingsDe from "../trainings/locales/de.json";
import trainingsEn from "../trainings/locales/en.json";
import crisisPlansDe from "../crisisPlans/locales/de.json";
import crisisPlansEn from "../crisisPlans/locales/en.json";
import statisticsDe from "../statistics/locales/de.json";
import statisticsEn from "../statistics/locales/en.json";
import districtDe from "../district/locales/de.json";
import districtEn from "../district/locales/en.json";
import adminDe from "../admin/locales/de.json";
import adminEn from "../admin/locales/en.json";
import glossaryDe from "../glossary/locales/de.json";
import privacyDe from "../privacy/locales/de.json";
import privacyEn from "../privacy/locales/en.json";
import accessibilityDe from "../accessibility/locales/de.json";
import accessibilityEn from "../accessibility/locales/en.json";
import glossaryEn from "../glossary/locales/en.json";
import attachmentsDe from "../attachments/locales/de.json";
import attachmentsEn from "../attachments/locales/en.json";
import contactPointDe from "../contactPoint/locales/de.json";
import contactPointEn from "../contactPoint/locales/en.json";
import tasksDe from "../tasks/locales/de.json";
import tasksEn from "../tasks/locales/en.json";
import annualReportsDe from "../annualReports/locales/de.json";
import annualReportsEn from "../annualReports/locales/en.json";
import peerDe from "../peer/locales/de.json";
import peerEn from "../peer/locales/en.json";
import steeringDe from "../steering/locales/de.json";
import steeringEn from "../steering/locales/en.json";

export const resources = {
  de: {
    translation: de,
    ui: uiDe,
    dashboard: dashboardDe,
    cases: casesDe,
    analysis: analysisDe,
    consultations: consultationsDe,
    network: networkDe,
    trainings: trainingsDe,
    crisisPlans: crisisPlansDe,
    statistics: statisticsDe,
    district: districtDe,
    admin: adminDe,
    glossary: glossaryDe,
    privacy: privacyDe,
    accessibility: accessibilityDe,
    attachments: attachmentsDe,
    contactPoint: contactPointDe,
    tasks: tasksDe,
    annualReports: annualReportsDe,
    peer: peerDe,
    steering: steeringDe,
  },
  en: {
    translation: en,
    ui: uiEn,
    dashboard: dashboardEn,
    cases: casesEn,
    analysis: analysisEn,
    consultations: consultationsEn,
    network: networkEn,
    trainings: trainingsEn,
    crisisPlans: crisisPlansEn,
    statistics: statisticsEn,
    district: districtEn,
    admin: adminEn,
    glossary: glossaryEn,
    privacy: privacyEn,
    accessibility: accessibilityEn,
    attachments: attachmentsEn,
    contactPoint: contactPointEn,
    tasks: tasksEn,
    annualReports: annualReportsEn,
    peer: peerEn,
    steering: steeringEn,
  },
};

/** The German texts define the keys; English must have the same ones (see the test). */
export type Resources = (typeof resources)["de"];
export type Namespace = keyof Resources;
export const NAMESPACES = Object.keys(resources.de) as Namespace[];
