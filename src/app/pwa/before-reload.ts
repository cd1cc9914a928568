/**
 * Work that must be done before the app reloads itself for an update: the open interview
 * registers its draft flush here, so accepting an update never loses an answer.
 */
export type BeforeReloadTask = () => Promise<void>;

const tasks = new Set<BeforeReloadTask>();

/** Adds a task; returns its removal (call it when the interview closes). */
export function registerBeforeReload(task: BeforeReloadTask): () => void {
  tasks.add(task);
  return () => void tasks.delete(task);
}

/** Runs every registered task; rejects if any of them fails (then the app must not reload). */
export async function runBeforeReload(): Promise<void> {
  await Promise.all([...tasks].map((task) => task()));
}
