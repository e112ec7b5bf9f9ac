import type { Locator, Page } from "@playwright/test";

/** Locators for any page rendered from Kratos nodes, by the markup contract. */
export class FlowScreen {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The visible input of the node named `name`. */
  input(name: string): Locator {
    // By name: a password node also holds the "show password" checkbox.
    return this.page.getByTestId(`node/input/${name}`).locator(`input[name="${name}"]`);
  }

  /** The field whose label reads exactly `label`, as a user finds it. */
  labelled(label: string): Locator {
    return this.page.getByLabel(label, { exact: true });
  }

  /** The submit button Kratos named `name` with `value` (e.g. method=password). */
  button(name: string, value: string): Locator {
    return this.page.locator(`button[type="submit"][name="${name}"][value="${value}"]`);
  }

  message(id: number): Locator {
    return this.page.getByTestId(`ui/message/${id}`);
  }

  anchor(id: string): Locator {
    return this.page.getByTestId(`node/anchor/${id}`);
  }

  /** The forms rendered from the flow's nodes (not the language switcher at the foot of the page). */
  flowForms(): Locator {
    return this.page.locator('form[action^="/self-service/"]');
  }

  csrfToken(): Locator {
    return this.page.locator('input[type="hidden"][name="csrf_token"]');
  }

  /** Every submit button Kratos named `name`, whatever its value (e.g. one passkey_remove per passkey). */
  buttonsNamed(name: string): Locator {
    return this.page.locator(`button[type="submit"][name="${name}"]`);
  }

  /** The button of a node that only works through Kratos's script (e.g. passkey_register_trigger). */
  trigger(name: string): Locator {
    return this.page.getByTestId(`node/input/${name}`).locator("button");
  }

  /** One method's section of the settings page (e.g. passkey, lookup_secret). */
  group(name: string): Locator {
    return this.page.getByTestId(`flow-group/${name}`);
  }

  /** The hidden input of the node named `name` (e.g. the identifier on identifier-first's second step). */
  hiddenInput(name: string): Locator {
    return this.page.locator(`input[type="hidden"][name="${name}"]`);
  }

  /**
   * Every named control in the page's forms as "<type> <name>", with "=<value>"
   * for submit buttons (Kratos's method choice), sorted: what the renderer made
   * of the flow's input nodes, to compare with the nodes Kratos sends.
   */
  async formControls(): Promise<string[]> {
    const controls = await this.flowForms().locator("input[name], button[name], select[name]").all();
    const described = await Promise.all(
      controls.map(async (control) => {
        const [name, type, value] = await Promise.all([
          control.getAttribute("name"),
          control.getAttribute("type"),
          control.getAttribute("value"),
        ]);
        return type === "submit" ? `${type} ${name}=${value}` : `${type} ${name}`;
      }),
    );
    return described.sort();
  }
}

/** Locators for the home page. */
export class HomeScreen {
  constructor(readonly page: Page) {}

  sessionEmail(): Locator {
    return this.page.getByTestId("session-email");
  }

  address(email: string): Locator {
    return this.page.getByTestId(`address/${email}`);
  }

  logoutLink(): Locator {
    return this.page.getByTestId("logout-link");
  }

  loginLink(): Locator {
    return this.page.getByTestId("login-link");
  }
}
