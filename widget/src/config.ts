// Settings from the <script> tag's data-attributes, the interface texts, and colour contrast.

export interface Settings {
  serverUrl: string;
  socketPath: string;
  title: string;
  greeting: string;
  lang: string;
  primary: string; // background of the launcher, header and the student's messages
  onPrimary: string; // text on it: chosen for contrast when not given (or too weak)
  position: "right" | "left";
  storageKey: string;
}

export interface Texts {
  close: string;
  restart: string;
  input: string;
  send: string;
  log: string;
  typing: string;
  you: string;
  bot: string;
  offline: string;
  connecting: string;
  online: string;
  choices: string;
  opensInNewTab: string;
}

const TEXTS: Record<string, Texts> = {
  en: {
    close: "Close chat",
    restart: "Start over",
    input: "Your message",
    send: "Send",
    log: "Conversation",
    typing: "The assistant is typing",
    you: "You said",
    bot: "Assistant said",
    offline: "Can't reach the assistant right now. Trying again… Your message will be sent when it is back.",
    connecting: "Connecting…",
    online: "Connected again.",
    choices: "Choices",
    opensInNewTab: "(opens in a new tab)",
  },
  es: {
    close: "Cerrar chat",
    restart: "Empezar de nuevo",
    input: "Tu mensaje",
    send: "Enviar",
    log: "Conversación",
    typing: "El asistente está escribiendo",
    you: "Tú dijiste",
    bot: "El asistente dijo",
    offline: "No se puede contactar al asistente ahora. Reintentando… Tu mensaje se enviará cuando vuelva.",
    connecting: "Conectando…",
    online: "Conectado de nuevo.",
    choices: "Opciones",
    opensInNewTab: "(se abre en una pestaña nueva)",
  },
};

export function textsFor(lang: string): Texts {
  return TEXTS[lang.toLowerCase().split("-")[0]] || TEXTS.en;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;
const DEFAULT_PRIMARY = "#1f4e79";

function rgb(hex: string): [number, number, number] {
  let h = hex.slice(1);
  if (h.length === 3) h = h.split("").map((c) => c + c).join("");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio of two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The given text colour if it reaches 4.5:1 on the background, else white or near-black, whichever is stronger. */
export function readableOn(background: string, wanted?: string | null): string {
  if (wanted && HEX.test(wanted) && contrast(background, wanted) >= 4.5) return wanted;
  return contrast(background, "#ffffff") >= contrast(background, "#111111") ? "#ffffff" : "#111111";
}

function attr(script: HTMLScriptElement | null, name: string): string | null {
  const value = script?.getAttribute("data-" + name);
  return value && value.trim() ? value.trim() : null;
}

function originOf(src: string | undefined): string {
  try {
    return src ? new URL(src, window.location.href).origin : window.location.origin;
  } catch {
    return window.location.origin;
  }
}

/** Settings from the script tag (data-server-url, data-title, data-primary-color, data-text-color, data-greeting, data-lang, data-position). */
export function readSettings(script: HTMLScriptElement | null): Settings {
  const serverUrl = (attr(script, "server-url") || originOf(script?.src)).replace(/\/+$/, "");
  const lang = attr(script, "lang") || document.documentElement.lang || "en";
  const wantedPrimary = attr(script, "primary-color");
  const primary = wantedPrimary && HEX.test(wantedPrimary) ? wantedPrimary : DEFAULT_PRIMARY;
  return {
    serverUrl,
    socketPath: attr(script, "socket-path") || "/socket.io",
    title: attr(script, "title") || "Career helper",
    greeting: attr(script, "greeting") || "",
    lang,
    primary,
    onPrimary: readableOn(primary, attr(script, "text-color")),
    position: attr(script, "position") === "left" ? "left" : "right",
    storageKey: "career-widget:" + serverUrl,
  };
}
