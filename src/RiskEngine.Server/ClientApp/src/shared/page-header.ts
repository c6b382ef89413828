import { applyStaticText, language, onLanguageChange, setLanguage, t } from "./i18n";
import { goToLogin } from "./login-redirect";
import type { Session } from "./session";
import { districtName } from "./districts";
import { setText } from "./dom";

/**
 * The parts every signed-in page's header shares: who is signed in, their jurisdiction, the language
 * toggle and logout. Hooks: [data-field="user-name"], [data-field="user-role"],
 * [data-field="jurisdiction"], [data-action="toggle-language"], [data-action="logout"].
 */
export function setUpHeader(session: Session | null, onLogout?: () => Promise<void> | void): void {
  const root = document;
  const userName = root.querySelector<HTMLElement>('[data-field="user-name"]');
  const userRole = root.querySelector<HTMLElement>('[data-field="user-role"]');
  const jurisdiction = root.querySelector<HTMLElement>('[data-field="jurisdiction"]');

  const render = (): void => {
    if (session && userName) setText(userName, session.userName);
    if (session && userRole) setText(userRole, t(`role.${session.role}`));
    if (session && jurisdiction) {
      const names = session.districts.length === 0
        ? t("jurisdiction.city")
        : session.districts.map(districtName).join(t("list.separator"));
      setText(jurisdiction, t("jurisdiction.label", { names }));
    }
  };

  root.querySelector<HTMLButtonElement>('[data-action="toggle-language"]')?.addEventListener("click", () => {
    setLanguage(language() === "zh" ? "en" : "zh");
  });
  root.querySelector<HTMLButtonElement>('[data-action="logout"]')?.addEventListener("click", () => {
    void Promise.resolve(onLogout?.()).finally(() => goToLogin("logout"));
  });

  onLanguageChange(render);
  applyStaticText(document);
  render();
}
