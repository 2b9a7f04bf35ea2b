// Feeds and recordings: the create form's Source list, the header's feed status, and the names the board shows.
import { api } from './api.js';

let recordingNames = new Map();

export async function loadSources() {
  const [feeds, recordings] = await Promise.all([api.feeds(), api.recordings()]);
  recordingNames = new Map(recordings.map((r) => [r.recordingId, r.name ?? r.recordingId]));
  return { feeds, recordings };
}

/** How a session's source reads on the page: "live demo", "replay capture.jsonl", "replay demo 1–400". */
export function describeSource(source) {
  if (!source) { return ''; }
  if (source.mode === 'live') { return `live ${source.feedId}${source.provider ? ` (${source.provider})` : ''}`; }
  if (source.recordingId) { return `replay ${recordingNames.get(source.recordingId) ?? source.recordingId}`; }
  const speed = source.speed ? `, ${source.speed === 'max' ? 'max speed' : `${source.speed}x`}` : '';
  return `replay ${source.feedId} ${source.fromSeq ?? ''}–${source.toSeq ?? ''}${speed}`;
}

/** The strategy as one line: a legacy file's name, or the schedule's main parameters. */
export function describeStrategy(strategy) {
  if (!strategy) { return ''; }
  if (strategy.name) { return `${strategy.name}${strategy.legacyFormat ? ` (legacy ${strategy.legacyFormat})` : ''}`; }
  const p = strategy.parameters ?? {};
  if (strategy.id === 'tick-schedule') {
    return `entry ${p.entryTick}, ${p.numBets} bets, cooldown ${p.cooldown}, ${p.sizing} ${(p.betSizes ?? []).join('/')}`;
  }
  return strategy.id;
}
