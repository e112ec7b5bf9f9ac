"use client";

import { useEffect } from "react";

type TriggerWindow = Window & Record<string, unknown> & { __oryWebAuthnInitialized?: boolean };

// Kratos's webauthn.js defines window.oryWebAuthnLogin, window.oryPasskeyLogin, …;
// the nodes name which one to call. We never evaluate the legacy inline onclick strings.
function callTrigger(name: string | undefined): void {
  if (!name || !/^ory[A-Za-z]+$/.test(name)) return;
  const trigger = (window as unknown as TriggerWindow)[name];
  if (typeof trigger === "function") (trigger as () => void)();
}

/** The one client island: runs WebAuthn and passkey triggers named by Kratos's nodes. */
export function WebAuthnTriggers() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const button = (event.target as Element | null)?.closest<HTMLElement>("[data-onclick-trigger]");
      if (!button) return;
      event.preventDefault();
      callTrigger(button.dataset.onclickTrigger);
    };
    document.addEventListener("click", onClick);

    // onload triggers (passkey autofill) need the script, which loads asynchronously.
    const onload = [...document.querySelectorAll<HTMLElement>("[data-onload-trigger]")].map(
      (element) => element.dataset.onloadTrigger,
    );
    const started = Date.now();
    const timer = setInterval(() => {
      const ready = (window as unknown as TriggerWindow).__oryWebAuthnInitialized === true;
      if (!ready && Date.now() - started < 10_000) return;
      clearInterval(timer);
      if (!ready) return;
      new Set(onload).forEach(callTrigger);
      // Lets tests (and styles) know the buttons now do something.
      document.documentElement.dataset.webauthnReady = "true";
    }, 50);
    return () => {
      document.removeEventListener("click", onClick);
      clearInterval(timer);
    };
  }, []);
  return null;
}
