// The options page's behaviour over its static markup (entrypoints/options/index.html). As in the
// popup, every browser call goes through an interface (`OptionsApi`) so the page can be tested
// with a fake extension over happy-dom.
import {
  DEFAULT_READER_PREFS,
  PREF_RANGES,
  normalizeReaderPrefs,
  type ReaderPrefs,
} from '../reader/prefs.ts';
import {
  DEFAULT_SITE_SETTINGS,
  SCRIPT_TARGETS,
  isScriptTarget,
  isValidSiteKey,
  siteKeyOf,
  type SiteSettings,
} from '../settings/schema.ts';
import type { ScriptTarget } from '../core/types.ts';
import type { Translate } from '../popup/i18n.ts';
import { createWriteQueue, type SettingsStore } from '../popup/settings-scope.ts';
import { backupFileName, createBackup, parseBackup, type ImportPlan } from './backup.ts';

export interface OptionsApi extends SettingsStore {
  t: Translate;
  listSites(): Promise<Record<string, Partial<SiteSettings>>>;
  getReaderPrefs(): Promise<ReaderPrefs>;
  setReaderPrefs(prefs: ReaderPrefs): Promise<void>;
  /** Match patterns the user granted with "Always run on this site". */
  grantedOrigins(): Promise<string[]>;
  removeOrigin(origin: string): Promise<boolean>;
  /** Calls `listener` whenever settings or granted sites change elsewhere; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  download(fileName: string, text: string): void;
  confirm(message: string): boolean;
  now(): Date;
}

const SCRIPT_MESSAGE: Record<ScriptTarget, string> = {
  original: 'scriptOriginal',
  hans: 'scriptHans',
  hant: 'scriptHant',
  tw: 'scriptTw',
  hk: 'scriptHk',
};

type SiteField = keyof SiteSettings;
const FIELD_MESSAGE: Record<SiteField, string> = {
  script: 'scriptLabel',
  spam: 'removeSpam',
  autoReader: 'columnAutoReader',
};
const NUMBER_PREFS = [
  'fontSize',
  'lineHeight',
  'contentWidth',
  'letterSpacing',
  'speechRate',
] as const;
type NumberPref = (typeof NUMBER_PREFS)[number];

/** What the user typed as a site: a host name or a whole address, normalised like stored keys. */
export function siteFromInput(input: string): string | null {
  const value = input.trim();
  if (!value) return null;
  const site = siteKeyOf(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  return site && isValidSiteKey(site) && site.includes('.') ? site : null;
}

/** `*://news.example.org/*` → `news.example.org` */
export function hostOfPattern(pattern: string): string {
  return /^[^:]+:\/\/([^/]+)\//.exec(pattern)?.[1] ?? pattern;
}

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`options markup lacks #${id}`);
  return el as T;
}

export class OptionsPage {
  private readonly t: Translate;
  private renderQueued = false;
  /** Every storage write of the page goes through this queue (see createWriteQueue). */
  private readonly serial = createWriteQueue();
  private unsubscribe: (() => void) | null = null;
  private readonly el;

  constructor(
    private readonly doc: Document,
    private readonly api: OptionsApi,
  ) {
    this.t = api.t;
    this.el = {
      defaultsSpam: byId<HTMLInputElement>(doc, 'defaults-spam'),
      defaultsAutoReader: byId<HTMLInputElement>(doc, 'defaults-autoReader'),
      sitesEmpty: byId(doc, 'sites-empty'),
      sitesTable: byId<HTMLTableElement>(doc, 'sites-table'),
      sitesBody: byId<HTMLTableSectionElement>(doc, 'sites-body'),
      addSite: byId<HTMLFormElement>(doc, 'add-site'),
      addSiteInput: byId<HTMLInputElement>(doc, 'add-site-input'),
      addSiteError: byId(doc, 'add-site-error'),
      excludedEmpty: byId(doc, 'excluded-empty'),
      excludedList: byId(doc, 'excluded-list'),
      grantedEmpty: byId(doc, 'granted-empty'),
      grantedList: byId(doc, 'granted-list'),
      readerReset: byId<HTMLButtonElement>(doc, 'reader-reset'),
      exportButton: byId<HTMLButtonElement>(doc, 'export'),
      importButton: byId<HTMLButtonElement>(doc, 'import'),
      importFile: byId<HTMLInputElement>(doc, 'import-file'),
      resetAll: byId<HTMLButtonElement>(doc, 'reset-all'),
      report: byId(doc, 'backup-report'),
    };
  }

  private get defaultScriptInputs(): HTMLInputElement[] {
    return [...this.doc.querySelectorAll<HTMLInputElement>('input[name="defaults-script"]')];
  }

  private get prefControls(): (HTMLInputElement | HTMLSelectElement)[] {
    return [...this.doc.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-pref]')];
  }

  async start(): Promise<void> {
    this.prepareReaderControls();
    this.bindEvents();
    await this.render();
    this.unsubscribe = this.api.onChange(() => this.queueRender());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Many storage changes arrive at once (an import writes dozens of keys): render once. */
  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      void this.render();
    });
  }

  async render(): Promise<void> {
    try {
      const [defaults, sites, prefs, origins] = await Promise.all([
        this.api.getDefaults(),
        this.api.listSites(),
        this.api.getReaderPrefs(),
        this.api.grantedOrigins().catch(() => []),
      ]);
      this.renderDefaults(defaults);
      this.renderSites(sites, defaults);
      this.renderExcluded(sites, defaults);
      this.renderGranted(origins);
      this.renderReader(prefs);
    } catch (error) {
      this.reportError(error);
    }
  }

  // --- Defaults ---------------------------------------------------------------------------------

  private renderDefaults(defaults: SiteSettings): void {
    for (const input of this.defaultScriptInputs) input.checked = input.value === defaults.script;
    this.el.defaultsSpam.checked = defaults.spam;
    this.el.defaultsAutoReader.checked = defaults.autoReader;
  }

  // --- Sites with their own settings ----------------------------------------------------------

  private valueLabel(field: SiteField, value: SiteSettings[SiteField]): string {
    if (field === 'script') return this.t(SCRIPT_MESSAGE[value as ScriptTarget]);
    return this.t(value ? 'valueOn' : 'valueOff');
  }

  private fieldSelect(site: string, field: SiteField): HTMLSelectElement {
    const select = this.doc.createElement('select');
    select.dataset.field = field;
    select.setAttribute(
      'aria-label',
      this.t('siteFieldLabel', [this.t(FIELD_MESSAGE[field]), site]),
    );
    const values: string[] = field === 'script' ? [...SCRIPT_TARGETS] : ['on', 'off'];
    const followDefault = this.doc.createElement('option');
    followDefault.value = '';
    select.append(followDefault);
    for (const value of values) {
      const option = this.doc.createElement('option');
      option.value = value;
      option.textContent = this.valueLabel(
        field,
        field === 'script' ? (value as ScriptTarget) : value === 'on',
      );
      select.append(option);
    }
    select.addEventListener('change', () => void this.onSiteFieldChange(site, field, select.value));
    return select;
  }

  private createSiteRow(site: string): HTMLTableRowElement {
    const row = this.doc.createElement('tr');
    row.dataset.site = site;
    const name = this.doc.createElement('th');
    name.scope = 'row';
    name.textContent = site;
    row.append(name);
    for (const field of ['script', 'spam', 'autoReader'] as const) {
      const cell = this.doc.createElement('td');
      cell.append(this.fieldSelect(site, field));
      row.append(cell);
    }
    const actions = this.doc.createElement('td');
    const remove = this.doc.createElement('button');
    remove.type = 'button';
    remove.className = 'button small';
    remove.textContent = this.t('removeSiteButton');
    remove.setAttribute('aria-label', this.t('removeSiteLabel', site));
    remove.addEventListener('click', () => void this.onRemoveSite(site));
    actions.append(remove);
    row.append(actions);
    return row;
  }

  private renderSites(sites: Record<string, Partial<SiteSettings>>, defaults: SiteSettings): void {
    const names = Object.keys(sites).sort((a, b) => a.localeCompare(b));
    const body = this.el.sitesBody;
    const existing = new Map(
      [...body.querySelectorAll<HTMLTableRowElement>('tr[data-site]')].map((row) => [
        row.dataset.site ?? '',
        row,
      ]),
    );
    for (const [site, row] of existing) if (!(site in sites)) row.remove();
    // Rows are updated in place and only new ones inserted, so focus stays where the user is.
    names.forEach((site, index) => {
      const row = existing.get(site) ?? this.createSiteRow(site);
      if (body.children[index] !== row) body.insertBefore(row, body.children[index] ?? null);
      const override = sites[site] ?? {};
      for (const select of row.querySelectorAll<HTMLSelectElement>('select[data-field]')) {
        const field = select.dataset.field as SiteField;
        const first = select.options[0];
        if (first)
          first.textContent = this.t('followDefault', this.valueLabel(field, defaults[field]));
        const value = override[field];
        const wanted =
          value === undefined ? '' : typeof value === 'boolean' ? (value ? 'on' : 'off') : value;
        if (select.value !== wanted && this.doc.activeElement !== select) select.value = wanted;
      }
    });
    this.el.sitesEmpty.hidden = names.length > 0;
    this.el.sitesTable.hidden = names.length === 0;
  }

  private rowOf(site: string): HTMLTableRowElement | undefined {
    return [...this.el.sitesBody.querySelectorAll<HTMLTableRowElement>('tr[data-site]')].find(
      (row) => row.dataset.site === site,
    );
  }

  private async onSiteFieldChange(site: string, field: SiteField, value: string): Promise<void> {
    try {
      await this.serial(async () => {
        if (value === '') await this.clearSiteField(site, field);
        else if (field !== 'script') await this.api.updateSite(site, { [field]: value === 'on' });
        else if (isScriptTarget(value)) await this.api.updateSite(site, { script: value });
      });
    } catch (error) {
      this.reportError(error);
    }
    this.queueRender();
  }

  /**
   * Lets `site` follow the default for `field`. The settings storage has no single call that
   * removes one field of an override, so this takes two writes (remove, then put back the rest).
   */
  private async clearSiteField(site: string, field: SiteField): Promise<void> {
    const override = await this.api.getSiteOverride(site);
    if (override[field] === undefined) return;
    const rest = { ...override };
    delete rest[field];
    await this.api.removeSite(site);
    await this.api.updateSite(site, rest);
  }

  private async onRemoveSite(site: string): Promise<void> {
    const row = this.rowOf(site);
    // Keep keyboard focus in the table: on the next row, or the add-site field when none is left.
    const next = row?.nextElementSibling ?? row?.previousElementSibling;
    try {
      await this.serial(() => this.api.removeSite(site));
    } catch (error) {
      this.reportError(error);
    }
    await this.render();
    const target = next?.querySelector<HTMLElement>('button') ?? this.el.addSiteInput;
    target.focus();
  }

  private async onAddSite(): Promise<void> {
    const site = siteFromInput(this.el.addSiteInput.value);
    const error = this.el.addSiteError;
    if (!site) {
      error.textContent = this.t('addSiteInvalid');
      error.hidden = false;
      this.el.addSiteInput.setAttribute('aria-invalid', 'true');
      this.el.addSiteInput.focus();
      return;
    }
    error.hidden = true;
    this.el.addSiteInput.removeAttribute('aria-invalid');
    try {
      await this.serial(async () => {
        const sites = await this.api.listSites();
        if (!(site in sites)) await this.api.updateSite(site, {});
      });
      this.el.addSiteInput.value = '';
      await this.render();
      this.rowOf(site)?.querySelector('select')?.focus();
    } catch (failure) {
      this.reportError(failure);
    }
  }

  // --- Sites never cleaned and sites Qingyue also runs on ---------------------------------------

  private siteListItem(
    site: string,
    buttonKey: string,
    labelKey: string,
    onClick: () => void,
  ): HTMLLIElement {
    const item = this.doc.createElement('li');
    const name = this.doc.createElement('span');
    name.textContent = site;
    const button = this.doc.createElement('button');
    button.type = 'button';
    button.className = 'button small';
    button.textContent = this.t(buttonKey);
    button.setAttribute('aria-label', this.t(labelKey, site));
    button.addEventListener('click', onClick);
    item.append(name, button);
    return item;
  }

  private renderExcluded(
    sites: Record<string, Partial<SiteSettings>>,
    defaults: SiteSettings,
  ): void {
    const excluded = Object.keys(sites)
      .filter((site) => sites[site]?.spam === false)
      .sort((a, b) => a.localeCompare(b));
    this.el.excludedList.replaceChildren(
      ...excluded.map((site) =>
        this.siteListItem(site, 'cleanAgainButton', 'cleanAgainLabel', () => {
          const change = this.serial(() =>
            defaults.spam
              ? this.clearSiteField(site, 'spam')
              : this.api.updateSite(site, { spam: true }),
          );
          void change.catch((error: unknown) => this.reportError(error)).then(() => this.render());
        }),
      ),
    );
    this.el.excludedEmpty.hidden = excluded.length > 0;
    this.el.excludedList.hidden = excluded.length === 0;
  }

  private renderGranted(origins: string[]): void {
    const sorted = [...origins].sort((a, b) => hostOfPattern(a).localeCompare(hostOfPattern(b)));
    this.el.grantedList.replaceChildren(
      ...sorted.map((origin) =>
        this.siteListItem(hostOfPattern(origin), 'stopButton', 'stopRunningLabel', () => {
          void this.serial(() => this.api.removeOrigin(origin))
            .catch((error: unknown) => this.reportError(error))
            .then(() => this.render());
        }),
      ),
    );
    this.el.grantedEmpty.hidden = sorted.length > 0;
    this.el.grantedList.hidden = sorted.length === 0;
  }

  // --- Reader comfort ---------------------------------------------------------------------------

  private prepareReaderControls(): void {
    for (const key of NUMBER_PREFS) {
      const input = byId<HTMLInputElement>(this.doc, `reader-${key}`);
      const range = PREF_RANGES[key];
      input.min = String(range.min);
      input.max = String(range.max);
      input.step = String(range.step);
    }
  }

  private renderReader(prefs: ReaderPrefs): void {
    for (const control of this.prefControls) {
      if (this.doc.activeElement === control) continue;
      const value = prefs[control.dataset.pref as keyof ReaderPrefs];
      if (control instanceof HTMLInputElement && control.type === 'checkbox')
        control.checked = Boolean(value);
      else control.value = String(value);
    }
  }

  private async onPrefChange(control: HTMLInputElement | HTMLSelectElement): Promise<void> {
    const key = control.dataset.pref as keyof ReaderPrefs;
    try {
      await this.serial(() => this.writePref(control, key));
    } catch (error) {
      this.reportError(error);
    }
  }

  private async writePref(
    control: HTMLInputElement | HTMLSelectElement,
    key: keyof ReaderPrefs,
  ): Promise<void> {
    const current = await this.api.getReaderPrefs();
    const isCheckbox = control instanceof HTMLInputElement && control.type === 'checkbox';
    let value: unknown = control.value;
    if (isCheckbox) value = control.checked;
    else if ((NUMBER_PREFS as readonly string[]).includes(key)) {
      const number = (control as HTMLInputElement).valueAsNumber;
      value = Number.isFinite(number) ? number : current[key as NumberPref];
    }
    // The normaliser clamps numbers into range and refuses unknown choices.
    const next = normalizeReaderPrefs({ ...current, [key]: value });
    await this.api.setReaderPrefs(next);
    if (!isCheckbox) control.value = String(next[key]);
  }

  // --- Back up, restore, reset ------------------------------------------------------------------

  private async onExport(): Promise<void> {
    try {
      const [defaults, sites, reader] = await Promise.all([
        this.api.getDefaults(),
        this.api.listSites(),
        this.api.getReaderPrefs(),
      ]);
      const now = this.api.now();
      const backup = createBackup({ defaults, sites, reader }, now);
      this.api.download(backupFileName(now), `${JSON.stringify(backup, null, 2)}\n`);
      this.report('exportDone');
    } catch (error) {
      this.reportError(error);
    }
  }

  /** Applies what passed validation: merged into the current settings, sites not in the file kept. */
  private async applyImport(plan: ImportPlan): Promise<void> {
    if (Object.keys(plan.defaults).length > 0) await this.api.updateDefaults(plan.defaults);
    for (const [site, override] of Object.entries(plan.sites)) {
      await this.api.updateSite(site, override);
    }
    if (Object.keys(plan.reader).length > 0) {
      const current = await this.api.getReaderPrefs();
      await this.api.setReaderPrefs(normalizeReaderPrefs({ ...current, ...plan.reader }));
    }
  }

  async importText(text: string): Promise<void> {
    const outcome = parseBackup(text);
    if (!outcome.ok) {
      const key = {
        notJson: 'importNotJson',
        notBackup: 'importNotBackup',
        tooLarge: 'importTooLarge',
      }[outcome.error];
      this.report(key, [], true);
      return;
    }
    try {
      await this.serial(() => this.applyImport(outcome.plan));
      const { rejected } = outcome.plan;
      this.report(rejected.length > 0 ? 'importPartly' : 'importDone', rejected);
    } catch (error) {
      this.reportError(error);
    }
    await this.render();
  }

  private async onImportFile(): Promise<void> {
    const file = this.el.importFile.files?.[0];
    this.el.importFile.value = '';
    if (!file) return;
    await this.importText(await file.text());
  }

  private async onResetAll(): Promise<void> {
    if (!this.api.confirm(this.t('resetConfirm'))) return;
    try {
      await this.serial(async () => {
        const sites = await this.api.listSites();
        await this.api.updateDefaults({ ...DEFAULT_SITE_SETTINGS });
        for (const site of Object.keys(sites)) await this.api.removeSite(site);
        await this.api.setReaderPrefs({ ...DEFAULT_READER_PREFS });
      });
      this.report('resetDone');
    } catch (error) {
      this.reportError(error);
    }
    await this.render();
  }

  /** Writes the outcome of the last backup action into the status region (announced politely). */
  private report(key: string, details: string[] = [], isError = false): void {
    const message = this.doc.createElement('p');
    message.textContent = this.t(key);
    message.className = isError ? 'error' : '';
    const parts: HTMLElement[] = [message];
    if (details.length > 0) {
      const list = this.doc.createElement('ul');
      list.className = 'rejected';
      for (const detail of details) {
        const item = this.doc.createElement('li');
        const code = this.doc.createElement('code');
        code.textContent = detail;
        item.append(code);
        list.append(item);
      }
      parts.push(list);
    }
    this.el.report.replaceChildren(...parts);
  }

  private reportError(error: unknown): void {
    console.warn('[Qingyue] options:', error);
    this.report('errorGeneric', [], true);
  }

  // --- Wiring -----------------------------------------------------------------------------------

  private bindEvents(): void {
    const write = (change: Partial<SiteSettings>) =>
      void this.serial(() => this.api.updateDefaults(change)).catch((error: unknown) =>
        this.reportError(error),
      );
    for (const input of this.defaultScriptInputs) {
      input.addEventListener('change', () => {
        if (input.checked && isScriptTarget(input.value)) write({ script: input.value });
      });
    }
    this.el.defaultsSpam.addEventListener('change', () =>
      write({ spam: this.el.defaultsSpam.checked }),
    );
    this.el.defaultsAutoReader.addEventListener('change', () =>
      write({ autoReader: this.el.defaultsAutoReader.checked }),
    );
    this.el.addSite.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.onAddSite();
    });
    for (const control of this.prefControls) {
      control.addEventListener('change', () => void this.onPrefChange(control));
    }
    this.el.readerReset.addEventListener('click', () => {
      void this.serial(() => this.api.setReaderPrefs({ ...DEFAULT_READER_PREFS }))
        .catch((error: unknown) => this.reportError(error))
        .then(() => this.render());
    });
    this.el.exportButton.addEventListener('click', () => void this.onExport());
    this.el.importButton.addEventListener('click', () => this.el.importFile.click());
    this.el.importFile.addEventListener('change', () => void this.onImportFile());
    this.el.resetAll.addEventListener('click', () => void this.onResetAll());
  }
}
