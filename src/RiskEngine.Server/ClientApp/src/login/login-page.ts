import "../styles/base.css";
import "../styles/login.css";
import { ApiError, describeError, readProblem } from "../shared/api-error";
import type { LoginRequest, LoginResponse } from "../shared/contract";
import { byId } from "../shared/dom";
import { applyStaticText, language, onLanguageChange, setLanguage, t } from "../shared/i18n";
import { safeNext } from "../shared/login-redirect";
import { saveSession } from "../shared/session";

const form = byId<HTMLFormElement>("login-form");
const userName = byId<HTMLInputElement>("userName");
const password = byId<HTMLInputElement>("password");
const remember = byId<HTMLInputElement>("remember");
const errorBox = byId<HTMLParagraphElement>("login-error");
const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
const params = new URLSearchParams(location.search);

// The last message, kept as a key where it is ours so the language toggle can redraw it.
let message: { key: "login.failed" | "login.sessionEnded" } | { text: string } | null =
  params.get("expired") === "1" ? { key: "login.sessionEnded" } : null;

function renderMessage(): void {
  errorBox.hidden = message === null;
  errorBox.textContent = message === null ? "" : "key" in message ? t(message.key) : message.text;
}

async function logIn(request: LoginRequest): Promise<LoginResponse> {
  let response: Response;
  try {
    response = await fetch("/api/v1/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(request),
      cache: "no-store",
    });
  } catch (error) {
    throw ApiError.network(error);
  }
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return (await response.json()) as LoginResponse;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void (async () => {
    if (submit) {
      submit.disabled = true;
      submit.textContent = t("login.submitting");
    }
    try {
      const login = await logIn({ userName: userName.value.trim(), password: password.value });
      saveSession(login, remember.checked);
      location.replace(safeNext(params.get("next")));
    } catch (error) {
      password.value = "";
      message = error instanceof ApiError && error.status === 401
        ? (error.problem.detail ? { text: error.problem.detail } : { key: "login.failed" })
        : { text: describeError(error) };
      renderMessage();
      password.focus();
    } finally {
      if (submit) {
        submit.disabled = false;
        submit.textContent = t("login.submit");
      }
    }
  })();
});

document.querySelector('[data-action="toggle-language"]')?.addEventListener("click", () => {
  setLanguage(language() === "zh" ? "en" : "zh");
});
onLanguageChange(renderMessage);
applyStaticText(document);
renderMessage();
userName.focus();
