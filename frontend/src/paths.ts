/**
 * Every address of the app in one place: navigation, routes and links are built from it, so
 * features link to each other without importing each other, and pages need not import routes.
 */
export const paths = {
  home: "/",
  login: "/login",
  cases: {
    list: "/cases",
    create: "/cases/new",
    detail: (id: string) => `/cases/${id}`,
    edit: (id: string) => `/cases/${id}/edit`,
    analysis: (id: string) => `/cases/${id}/analysis`,
  },
  tasks: {
    mine: "/tasks",
    stalled: "/tasks/stalled",
  },
  /** The steering group's meetings (e-mails link to `meeting(id)`). */
  steering: {
    list: "/steering",
    meeting: (id: string) => `/steering/${id}`,
  },
  consultations: {
    list: "/consultations",
    create: "/consultations/new",
    detail: (id: string) => `/consultations/${id}`,
  },
  network: {
    contacts: "/network",
    map: "/network/map",
    /** The map centred on one contact. */
    mapOf: (contactId: string) => `/network/map?focus=${contactId}`,
    createContact: "/network/contacts/new",
    contact: (id: string) => `/network/contacts/${id}`,
    editContact: (id: string) => `/network/contacts/${id}/edit`,
  },
  trainings: {
    list: "/trainings",
    create: "/trainings/new",
    series: (id: string) => `/trainings/${id}`,
    edit: (id: string) => `/trainings/${id}/edit`,
    attendance: (seriesId: string, sessionId: string) => `/trainings/${seriesId}/sessions/${sessionId}`,
  },
  crisisPlans: {
    list: "/crisis-plans",
    create: "/crisis-plans/new",
    detail: (id: string) => `/crisis-plans/${id}`,
    edit: (id: string) => `/crisis-plans/${id}/edit`,
    activate: (id: string) => `/crisis-plans/${id}/activate`,
    activation: (id: string, activationId: string) => `/crisis-plans/${id}/activations/${activationId}`,
  },
  /** Peer case consultation across municipalities (kollegiale Fallberatung). */
  peer: {
    index: "/peer",
    createGroup: "/peer/groups/new",
    group: (id: string) => `/peer/groups/${id}`,
    createPresentation: "/peer/presentations/new",
    /** A new presentation prepared from one's case. */
    presentationFromCase: (caseId: string) => `/peer/presentations/new?case=${caseId}`,
    presentation: (id: string) => `/peer/presentations/${id}`,
    session: (id: string) => `/peer/sessions/${id}`,
  },
  /** The public check of a certificate, as printed on it for people without an account. */
  verifyCertificate: "/zertifikat/pruefen",
  verifyCertificateCode: (code: string) => `/zertifikat/pruefen/${encodeURIComponent(code)}`,
  requests: {
    list: "/requests",
    detail: (id: string) => `/requests/${id}`,
    page: "/requests/contact-page",
  },
  /** The public contact page of a municipality, for people without an account. */
  contactPage: (slug: string) => `/kontakt/${encodeURIComponent(slug)}`,
  statistics: "/statistics",
  privacy: {
    index: "/privacy",
    erasure: (id: string) => `/privacy/erasures/${id}`,
    feedback: "/privacy/feedback",
    text: (kind: string) => `/privacy/texts/${kind}`,
  },
  /** Public, without signing in: the accessibility statement, Leichte Sprache, privacy notice. */
  accessibilityStatement: "/barrierefreiheit",
  easyLanguage: "/leichte-sprache",
  privacyNotice: "/datenschutz",
  privacyNoticeOf: (slug: string) => `/datenschutz/${encodeURIComponent(slug)}`,
  accessibilityStatementOf: (slug: string) => `/barrierefreiheit/${encodeURIComponent(slug)}`,
  /** The regional analysis of the district (Konfliktfelder, figures, expertise document). */
  district: "/district-analysis",
  /** The annual report for the funder (Sachbericht): a year's draft and its generated versions. */
  annualReports: "/annual-reports",
  /** The method's terms; `glossaryTerm("glasl")` opens one of them. */
  glossary: "/glossary",
  glossaryTerm: (term: string) => `/glossary#${term}`,
  administration: {
    index: "/administration",
    users: "/administration/users",
    createUser: "/administration/users/new",
    user: (id: string) => `/administration/users/${id}`,
    municipalities: "/administration/municipalities",
    createMunicipality: "/administration/municipalities/new",
    municipality: (id: string) => `/administration/municipalities/${id}`,
    apiClients: "/administration/api-clients",
    identityProviders: "/administration/sso",
    createIdentityProvider: "/administration/sso/new",
    identityProvider: (id: string) => `/administration/sso/${id}`,
    audit: "/administration/audit",
    mail: "/administration/mail",
  },
} as const;
