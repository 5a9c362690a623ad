/**
 * Skill groups and agents of one shop for the admin pages: the directory as loaded, a draft per
 * row, and a PATCH per save with the server's (or the local schema's) field errors kept per row.
 */
import { computed, createModel, signal, type ReadonlySignal } from "@preact/signals";
import { AgentCreate, AgentPasswordReset, AgentUpdate, GroupUpdate, parseInput, rolesForShop } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { UiError } from "./conversation-state";

export interface GroupRow {
  key: string;
  name: string;
  nameEn: string;
  policy: string;
  fallbackKey: string | null;
  maxWaitSec: number;
  stickySec: number;
  onAgentOffline: string;
}

export interface AgentRow {
  id: string;
  name: string;
  email: string;
  role: string;
  capacity: number;
  seniority: number;
  groups: string[];
  /** Two-factor login is on for this account. */
  twoFactor: boolean;
}

export interface Directory {
  shopId: string;
  /** The shop requires two-factor login of its staff. */
  twoFactorRequired: boolean;
  groups: GroupRow[];
  agents: AgentRow[];
}

/** Form values as typed: numbers stay text until saved, so a half-typed value is not lost. */
export interface GroupDraft {
  policy: string;
  fallbackKey: string;
  maxWaitSec: string;
  stickySec: string;
  onAgentOffline: string;
}
export interface AgentDraft {
  capacity: string;
  seniority: string;
  groups: string[];
}

/** The add-an-account form as typed. */
export interface NewAgentDraft {
  email: string;
  name: string;
  role: string;
  password: string;
  capacity: string;
  groups: string[];
}

/** What happened to a row's last save. */
export type RowState = { status: "saving" } | { status: "saved" } | { status: "failed"; error: UiError; fields: FieldErrors };

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

const groupDraft = (g: GroupRow): GroupDraft => ({
  policy: g.policy, fallbackKey: g.fallbackKey ?? "", maxWaitSec: String(g.maxWaitSec), stickySec: String(g.stickySec), onAgentOffline: g.onAgentOffline,
});
const agentDraft = (a: AgentRow): AgentDraft => ({ capacity: String(a.capacity), seniority: String(a.seniority), groups: [...a.groups] });

export const DirectoryModel = createModel((api: ApiClient, shopId: ReadonlySignal<string>) => {
  const directory = signal<Directory | null>(null);
  const loadError = signal<UiError | null>(null);
  const groupDrafts = signal<Readonly<Record<string, GroupDraft>>>({});
  const agentDrafts = signal<Readonly<Record<string, AgentDraft>>>({});
  /** Row key (`group:presales`, `agent:st-…`, `new-agent`) → its last save. */
  const rows = signal<Readonly<Record<string, RowState>>>({});
  const emptyNewAgent = (): NewAgentDraft => ({ email: "", name: "", role: rolesForShop(shopId.peek())[0]!, password: "", capacity: "5", groups: [] });
  const newAgent = signal<NewAgentDraft>(emptyNewAgent());
  /** The account whose new password is being typed, and what is typed. */
  const passwordDraft = signal<{ id: string; password: string } | null>(null);
  /** After a password was set: the account and how many of its sessions ended. */
  const passwordSet = signal<{ id: string; sessionsEnded: number } | null>(null);
  /** After 强制下线: the account and how many of its sessions ended. */
  const sessionsEnded = signal<{ id: string; sessionsEnded: number } | null>(null);

  function adopt(d: Directory) {
    directory.value = d;
    groupDrafts.value = Object.fromEntries(d.groups.map((g) => [g.key, groupDraft(g)]));
    agentDrafts.value = Object.fromEntries(d.agents.map((a) => [a.id, agentDraft(a)]));
  }

  const setRow = (key: string, state: RowState) => (rows.value = { ...rows.value, [key]: state });
  const q = () => `?shop=${encodeURIComponent(shopId.peek())}`;

  /** Validates locally with the protocol schema (same messages as the server), then PATCHes. */
  async function save(key: string, schema: typeof GroupUpdate | typeof AgentUpdate, path: string, body: object) {
    const parsed = parseInput(schema, body);
    if (!parsed.ok) return refuseLocally(key, parsed);
    await attempt(key, async () => adopt(await api.patch<Directory>(`${path}${q()}`, parsed.value)));
  }

  /** The local schema refused the row: its fields show the same messages the server would send. */
  function refuseLocally(key: string, parsed: { code: UiError["code"]; message: string; issues: UiError["details"] }) {
    const error = { code: parsed.code, message: parsed.message, details: parsed.issues };
    setRow(key, { status: "failed", error, fields: fieldErrorsOf(error) });
  }

  /** Runs a row's request, keeping its outcome (and the server's field errors) on the row. */
  async function attempt(key: string, work: () => Promise<void>): Promise<boolean> {
    setRow(key, { status: "saving" });
    try {
      await work();
      setRow(key, { status: "saved" });
      return true;
    } catch (err) {
      const error = toUiError(err);
      setRow(key, { status: "failed", error, fields: fieldErrorsOf(error) });
      return false;
    }
  }

  async function load() {
    loadError.value = null;
    try {
      adopt(await api.get<Directory>(`/admin/directory${q()}`));
      rows.value = {};
      newAgent.value = emptyNewAgent();
    } catch (err) {
      loadError.value = toUiError(err);
    }
  }

  /** The admin's own two-factor login is off, so the shop's rule was refused (the page says how to fix it). */
  const policyNeedsOwnTwoFactor = computed(() => {
    const row = rows.value["two-factor-policy"];
    return row?.status === "failed" && (row.error.details as { twoFactor?: string } | undefined)?.twoFactor === "admin_without";
  });

  return {
    directory,
    loadError,
    policyNeedsOwnTwoFactor,
    passwordDraft,
    passwordSet,
    /** Opens (or, with null, closes) the new-password form of an account. */
    editPassword(id: string | null) {
      passwordDraft.value = id === null ? null : { id, password: "" };
      passwordSet.value = null;
      // A new form starts clean: the last attempt's error for this account is dropped.
      if (id !== null) rows.value = Object.fromEntries(Object.entries(rows.value).filter(([key]) => key !== `password:${id}`));
    },
    typePassword(password: string) {
      if (passwordDraft.value) passwordDraft.value = { ...passwordDraft.value, password };
    },
    /** Sets the typed password (checked here with the server's schema first); every session of the account ends. */
    async savePassword() {
      const draft = passwordDraft.value;
      if (!draft) return;
      const key = `password:${draft.id}`;
      const parsed = parseInput(AgentPasswordReset, { password: draft.password });
      if (!parsed.ok) return refuseLocally(key, parsed);
      let ended = 0;
      const ok = await attempt(key, async () => {
        ended = (await api.put<{ sessionsEnded: number }>(`/admin/agents/${encodeURIComponent(draft.id)}/password${q()}`, parsed.value)).sessionsEnded;
      });
      if (ok) {
        passwordDraft.value = null;
        passwordSet.value = { id: draft.id, sessionsEnded: ended };
      }
    },
    groupDrafts,
    agentDrafts,
    rows,
    newAgent,
    load,
    editNewAgent(patch: Partial<NewAgentDraft>) {
      newAgent.value = { ...newAgent.value, ...patch };
    },
    /** Adds the account in the form (validated here with the server's schema first); the form empties once it is added. */
    async addAgent() {
      const d = newAgent.value;
      const parsed = parseInput(AgentCreate, { email: d.email, name: d.name, role: d.role, password: d.password, capacity: num(d.capacity), groups: d.groups });
      if (!parsed.ok) return refuseLocally("new-agent", parsed);
      const added = await attempt("new-agent", async () => adopt((await api.post<{ directory: Directory }>(`/admin/agents${q()}`, parsed.value)).directory));
      if (added) newAgent.value = emptyNewAgent();
    },
    /** Disables an account: it is logged out everywhere and its chats go back to the queue. */
    async disableAgent(id: string) {
      await attempt(`agent:${id}`, async () => {
        await api.del(`/admin/agents/${encodeURIComponent(id)}${q()}`);
        adopt(await api.get<Directory>(`/admin/directory${q()}`));
      });
    },
    /**
     * Requires two-factor login of the shop's staff, or stops (row `two-factor-policy`): refused
     * (409, `twoFactor: "admin_without"`) while the admin's own is off.
     */
    async setTwoFactorRequired(required: boolean) {
      await attempt("two-factor-policy", async () => {
        await api.put(`/admin/two-factor-policy${q()}`, { required });
        adopt(await api.get<Directory>(`/admin/directory${q()}`));
      });
    },
    sessionsEnded,
    /**
     * 强制下线 (row `sessions:<id>`): ends every session of the account, its sockets too, and
     * leaves its password as it is (a shared computer left logged in; a lost phone, before its password is in doubt).
     */
    async endSessions(id: string) {
      sessionsEnded.value = null;
      let ended = 0;
      const ok = await attempt(`sessions:${id}`, async () => {
        ended = (await api.del<{ sessionsEnded: number }>(`/admin/agents/${encodeURIComponent(id)}/sessions${q()}`)).sessionsEnded;
      });
      if (ok) sessionsEnded.value = { id, sessionsEnded: ended };
    },
    /** Resets an account's two-factor login (a lost phone): it logs in with the password alone until set up again. */
    async resetTwoFactor(id: string) {
      await attempt(`agent:${id}`, async () => {
        await api.del(`/admin/agents/${encodeURIComponent(id)}/two-factor${q()}`);
        adopt(await api.get<Directory>(`/admin/directory${q()}`));
      });
    },
    editGroup(key: string, patch: Partial<GroupDraft>) {
      const current = groupDrafts.value[key];
      if (current) groupDrafts.value = { ...groupDrafts.value, [key]: { ...current, ...patch } };
    },
    editAgent(id: string, patch: Partial<AgentDraft>) {
      const current = agentDrafts.value[id];
      if (current) agentDrafts.value = { ...agentDrafts.value, [id]: { ...current, ...patch } };
    },
    saveGroup(key: string) {
      const d = groupDrafts.value[key];
      if (!d) return;
      const body = { policy: d.policy, fallbackKey: d.fallbackKey || null, maxWaitSec: num(d.maxWaitSec), stickySec: num(d.stickySec), onAgentOffline: d.onAgentOffline };
      return save(`group:${key}`, GroupUpdate, `/admin/groups/${encodeURIComponent(key)}`, body);
    },
    saveAgent(id: string) {
      const d = agentDrafts.value[id];
      if (!d) return;
      return save(`agent:${id}`, AgentUpdate, `/admin/agents/${encodeURIComponent(id)}`, { capacity: num(d.capacity), seniority: num(d.seniority), groups: d.groups });
    },
  };
});
export type DirectoryModel = InstanceType<typeof DirectoryModel>;
