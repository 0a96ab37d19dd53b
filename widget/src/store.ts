// What a browser keeps between page loads (localStorage): the signed session id the server issued and
// the conversation shown so far. A new browser has neither, so it is a new student.

export interface Button {
  title: string;
  payload?: string;
  url?: string;
}

export interface Card {
  title?: string;
  subtitle?: string;
  image_url?: string;
  buttons?: Button[];
}

export interface BotEvent {
  text?: string;
  buttons?: Button[];
  quick_replies?: Button[];
  image?: string;
  elements?: Card[];
}

export type Entry = { from: "user"; text: string } | { from: "bot"; event: BotEvent };

export interface Saved {
  sessionId: string | null;
  entries: Entry[];
}

const MAX_ENTRIES = 200;

export function load(key: string): Saved {
  try {
    const raw = window.localStorage.getItem(key);
    const data = raw ? JSON.parse(raw) : null;
    if (data && Array.isArray(data.entries)) {
      return { sessionId: typeof data.sessionId === "string" ? data.sessionId : null, entries: data.entries };
    }
  } catch {
    // storage blocked or corrupt: start fresh
  }
  return { sessionId: null, entries: [] };
}

export function save(key: string, saved: Saved): void {
  try {
    const entries = saved.entries.slice(-MAX_ENTRIES);
    window.localStorage.setItem(key, JSON.stringify({ sessionId: saved.sessionId, entries }));
  } catch {
    // storage full or blocked: the conversation still works, it just is not kept
  }
}

export function forget(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to do
  }
}
