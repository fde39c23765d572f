import { campaignState, messageFor, type MeResponse, type WindowState } from '@assess/shared';
import Taro from '@tarojs/taro';
import { watchNetwork } from '../platform/network';
import { onAppHide } from '../platform/lifecycle';
import { api } from './api';
import { diffAnswers } from './answers';
import { ApiError, isApiError } from './apiClient';
import { serverClock } from './clock';
import { createDraftSync, type DraftSync, type ServerDraft, type Timers } from './draftSync';
import { loadQuestionnaire, validateAnswers, type Questionnaire } from './engine';
import { clearDeviceData, clientKeys, definitionStore, draftStore, lastMe, scopeOf, type Scope } from './local';

/**
 * Opening the assessment: who we are (/api/me), the pinned questionnaire, and the draft — each
 * from the server when reachable, else from the device — wired to one autosave engine that the
 * questionnaire and review pages share.
 */

export interface Assessment {
  me: MeResponse;
  scope: Scope;
  questionnaire: Questionnaire;
  sync: DraftSync;
  /** The window is closed (or not open): answers are shown, not edited. */
  readOnly: boolean;
  /** Loaded from the device because the network was down. */
  offline: boolean;
}

const taroTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

/** /api/me, falling back to the last copy on the device when offline. */
export async function loadMe(): Promise<{ me: MeResponse; offline: boolean }> {
  try {
    const me = await api.me();
    lastMe.write(me);
    return { me, offline: false };
  } catch (error) {
    const cached = lastMe.read();
    if (isApiError(error) && error.offline && cached) return { me: cached, offline: true };
    throw error;
  }
}

const loaded = new Map<string, Questionnaire>();

/** The campaign's questionnaire: fetched at run time (never bundled), cached on the device by ref. */
export async function loadDefinition(ref: string): Promise<Questionnaire> {
  const known = loaded.get(ref);
  if (known) return known;
  const store = definitionStore(ref);
  let json: unknown;
  try {
    json = await api.questionnaire();
    try {
      store.write(json);
    } catch {
      // no room on the device: it is fetched again next time
    }
  } catch (error) {
    json = store.read();
    if (!json) throw error;
  }
  const questionnaire = loadQuestionnaire(json);
  loaded.set(ref, questionnaire);
  return questionnaire;
}

/** Where the server's clock stands against this enterprise's own window (the shared rule). */
export function windowState(me: MeResponse, now = serverClock.now()): WindowState {
  return campaignState(new Date(now), new Date(me.campaign.opensAt), new Date(me.campaign.deadline));
}

function toServerDraft(draft: { revision: number; answers: ServerDraft['answers']; updatedAt: string | null }): ServerDraft {
  return { revision: draft.revision, answers: draft.answers, updatedAt: draft.updatedAt };
}

async function fetchDraft(mode: 'start' | 'continue', scope: Scope): Promise<ServerDraft | null> {
  try {
    if (mode === 'start') return toServerDraft(await api.startAttempt(clientKeys.current(scope)));
    try {
      return toServerDraft(await api.draft());
    } catch (error) {
      if (isApiError(error) && error.code === 'NO_DRAFT') return toServerDraft(await api.startAttempt(clientKeys.current(scope)));
      throw error;
    }
  } catch (error) {
    if (isApiError(error) && error.offline) return null;
    throw error;
  }
}

interface Current {
  key: string;
  promise: Promise<Assessment>;
  dispose(): void;
}
let current: Current | null = null;

/** The assessment the questionnaire page opened, if any (the review page reuses it). */
export function currentAssessment(): Promise<Assessment> | null {
  return current?.promise ?? null;
}

export function closeAssessment(): void {
  current?.dispose();
  current = null;
}

/**
 * Opens (or reuses) the assessment. `start` begins an attempt with this device's clientKey
 * (idempotent: a reload resumes it); `continue` resumes the server draft.
 */
export function openAssessment(mode: 'start' | 'continue'): Promise<Assessment> {
  // "start" always asks the server (idempotent on the clientKey, which a retake renews).
  if (current && mode === 'continue') return current.promise;
  closeAssessment();
  const cleanups: Array<() => void> = [];
  let closed = false;
  const dispose = () => {
    closed = true;
    cleanups.splice(0).forEach((fn) => fn());
  };
  const promise = (async (): Promise<Assessment> => {
    const { me, offline } = await loadMe();
    const scope = scopeOf(me);
    const questionnaire = await loadDefinition(me.campaign.questionnaire);
    const state = windowState(me);
    const readOnly = !offline && state !== 'open';
    let server: ServerDraft | null = null;
    if (!readOnly) server = await fetchDraft(mode, scope);
    else server = await api.draft().then(toServerDraft, () => null);

    const sync = createDraftSync({
      transport: {
        save: (request) => api.saveDraft(request),
        load: async () => toServerDraft(await api.draft()),
        start: async () => toServerDraft(await api.startAttempt(clientKeys.current(scope))),
      },
      store: draftStore(scope),
      timers: taroTimers,
      // What the server's draft validation would refuse stays on the device until corrected.
      holdBack: (set) => Object.fromEntries(validateAnswers(questionnaire, set, 'draft').map((issue) => [issue.questionId, issue.message])),
    });
    const notOpenYet = state === 'not_open';
    if (!sync.start(server)) {
      if (readOnly) throw new ApiError(notOpenYet ? 'WINDOW_NOT_OPEN' : 'WINDOW_CLOSED', notOpenYet ? messageFor('WINDOW_NOT_OPEN') : '测评系统已关闭，没有可查看的答案', 403);
      throw new ApiError('OFFLINE', '网络连接失败，且本机没有保存的答案，请联网后重试', 0);
    }
    if (readOnly) sync.close(notOpenYet ? '测评尚未开始，开始后方可作答' : '测评系统已关闭，答案只能查看，不能修改');
    cleanups.push(() => sync.dispose());
    cleanups.push(watchNetwork((online) => online && sync.notifyOnline()));
    cleanups.push(onAppHide(() => void sync.flush()));

    // At the deadline (server time) the draft turns read-only without waiting for a refusal.
    const untilClose = Date.parse(me.campaign.deadline) - serverClock.now();
    if (!readOnly && untilClose > 0 && untilClose < 2 ** 31 - 1) {
      const timer = setTimeout(() => sync.close('测评系统已关闭，不能再修改答案'), untilClose);
      cleanups.push(() => clearTimeout(timer));
    }
    // Replaced while loading (another open): this engine must not sync beside the new one.
    if (closed) dispose();
    return { me, scope, questionnaire, sync, readOnly, offline };
  })();
  const entry: Current = { key: mode, promise, dispose };
  current = entry;
  promise.catch(() => {
    if (current === entry) current = null;
  });
  return promise;
}

/** After a submit: the next "start" is a new attempt. */
export function attemptSubmitted(scope: Scope): void {
  clientKeys.renew(scope);
}

/**
 * Answers on this device the server does not have yet (after one more try to send them), so
 * logging out can warn before they are lost.
 */
export async function unsentAnswers(scope: Scope): Promise<number> {
  const open = current ? await current.promise.catch(() => null) : null;
  if (open && open.scope === scope) {
    await open.sync.flush().catch(() => undefined);
    return open.sync.getSnapshot().unsynced;
  }
  const local = draftStore(scope).read();
  if (!local) return 0;
  const diff = diffAnswers(local.base, local.answers);
  return Object.keys(diff.set).length + diff.unset.length;
}

/** Logs out, ending the session on the server and keeping nothing of this enterprise on the device. */
export async function logout(): Promise<void> {
  await api.logout();
  closeAssessment();
  clearDeviceData();
  await Taro.reLaunch({ url: '/pages/entry/index' });
}
