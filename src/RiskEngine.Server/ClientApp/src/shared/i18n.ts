import { dictionaries, type Language, type MessageKey } from "./dictionary";

// The choice is remembered per browser, not per user: a wall PC keeps its language across logins.
const storageKey = "riskengine.lang";
const listeners: Array<(language: Language) => void> = [];

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem(storageKey) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

let current: Language = readStoredLanguage();

export function language(): Language {
  return current;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(dictionaries.zh, key);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template = dictionaries[current][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Picks the Chinese or English one of a pair the server sent (reasons, rules, district names). */
export function pick(zhText: string, enText: string): string {
  return current === "en" && enText ? enText : zhText;
}

/**
 * Register once at page start; each page re-renders its own dynamic text here.
 * Not meant to be called per frame: the list only grows with page setup.
 */
export function onLanguageChange(listener: (language: Language) => void): void {
  listeners.push(listener);
}

export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  try {
    localStorage.setItem(storageKey, next);
  } catch {
    // Private mode or a full store: the toggle still works for this page.
  }
  applyStaticText(document);
  for (const listener of listeners) listener(next);
}

/**
 * Fills the fixed words of a page: `data-i18n="key"` sets the text, `data-i18n-attr="attr:key;attr:key"`
 * sets attributes (placeholder, aria-label, title). Keeps the HTML free of one language's words.
 */
export function applyStaticText(root: ParentNode): void {
  document.documentElement.lang = current === "zh" ? "zh-CN" : "en";
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n]")) {
    const key = element.dataset.i18n ?? "";
    if (isMessageKey(key)) element.textContent = t(key);
  }
  for (const element of root.querySelectorAll<HTMLElement>("[data-i18n-attr]")) {
    for (const pair of (element.dataset.i18nAttr ?? "").split(";")) {
      const [attribute, key] = pair.split(":").map((part) => part.trim());
      if (attribute && key && isMessageKey(key)) element.setAttribute(attribute, t(key));
    }
  }
  const titleKey = document.body.dataset.titleKey ?? "";
  if (isMessageKey(titleKey)) document.title = t(titleKey);
}
