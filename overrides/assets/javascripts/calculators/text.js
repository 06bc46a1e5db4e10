// The widgets' own Dutch sentences (status lines and notes), in one place. Everything
// about a calculation (errors, results, their wording) comes from Python.
// `noun` is the calculator's own word for its result (data-result-noun), e.g. "het schema".

export function capital(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const TRY_AGAIN = "Probeer het later opnieuw of in een andere browser.";
const RETRY = "Kies „Opnieuw proberen” om het nog eens te proberen.";
// Why a load failed (protocol.js CAUSE), as the patient can act on it.
const CAUSES = {
  connection: `De verbinding is weggevallen of te traag. Controleer je internetverbinding. ${RETRY}`,
  webassembly:
    "Deze browser blokkeert een onderdeel dat de rekenhulp nodig heeft (WebAssembly), " +
    "bijvoorbeeld door een beveiligingsinstelling. Probeer een andere browser.",
  browser: "Deze browser is waarschijnlijk te oud voor de rekenhulp. Werk je browser bij of probeer een andere browser.",
  python: `De rekenhulp kon niet starten. ${RETRY}`,
};

export const TEXT = {
  live: "De rekenhulp rekent mee zodra je even stopt met typen, een veld verlaat of op Enter drukt.",
  failed: `De rekenhulp kan in deze browser niet laden. Hieronder staat het schema met de standaardwaarden. ${TRY_AGAIN}`,
  failedFor: (noun, cause) =>
    cause in CAUSES
      ? `De rekenhulp kon niet laden. ${CAUSES[cause]} Hieronder staat ${noun} met de standaardwaarden.`
      : `De rekenhulp kan in deze browser niet laden. Hieronder staat ${noun} met de standaardwaarden. ${TRY_AGAIN}`,
  // While loading; `progress` holds the build's figures in Dutch ("1,2", "3,1").
  progress: (progress) =>
    progress
      ? `Rekenhulp wordt geladen (${progress.done} van ${progress.total} MB)...` +
        (progress.slow ? " De verbinding is traag, dus dit duurt even." : "")
      : "Rekenhulp wordt geladen...",
  // What the patient did while it loads: acknowledged at once, done once it is live.
  waitingAction: (action) => `Even geduld: de rekenhulp is bijna klaar. Daarna gaat „${action}” vanzelf verder.`,
  waitingInput: (noun) => `Even geduld: de rekenhulp is bijna klaar. Daarna wordt ${noun} berekend met je invoer.`,
  notYet: (noun) => `Let op: ${noun} hieronder is nog niet berekend met je nieuwe invoer.`,
  // After it worked for a while: the plan on screen goes back to the pre-rendered one.
  brokenFor: (noun) =>
    `De rekenhulp werkt niet meer. Hieronder staat ${noun} met de standaardwaarden. ` +
    RETRY,
  updated: (noun) => `${capital(noun)} is bijgewerkt.`,
  wholeInput: "de invoer",
  invalid: (noun, labels) => `Controleer ${labels}. ${capital(noun)} hieronder hoort nog bij je vorige invoer.`,
  stale: (noun, inputs) => `Let op: ${noun} hieronder hoort bij je laatste geldige invoer: ${inputs}.`,
  refused: (action, labels) => `Verbeter eerst ${labels}. Daarna werkt „${action}”.`,
  ignored: (items) =>
    `De link bevatte een ongeldige waarde, die is genegeerd: ${items}. ` +
    "Daarvoor staat nu de standaardwaarde.",
  copied: (noun) => `De link naar ${noun} is gekopieerd. Bewaar hem om later verder te gaan.`,
  copyThis: (noun) => `Kopieer deze link om ${noun} te bewaren:`,
  calendar: "Het agendabestand is gedownload. Open het om de wandelingen in je agenda te zetten.",
  forgotten: "Je gegevens zijn van dit apparaat gewist.",
  rememberFailed: "Deze browser kan je gegevens niet bewaren (bijvoorbeeld in een privévenster).",
  staleStored: "Een bewaarde waarde past niet meer bij de rekenhulp en staat weer op de standaardwaarde:",
  // Reasons in ready's rejection (console, tests), not shown in the widget.
  tooSlow: (seconds) => `Er kwam ${seconds} seconden lang niets binnen.`,
  noAnswer: (seconds) => `De rekenhulp gaf binnen ${seconds} seconden geen antwoord.`,
  noStart: "De rekenhulp kon niet starten.",
  garbled: "De rekenhulp gaf een onleesbaar antwoord.",
};
