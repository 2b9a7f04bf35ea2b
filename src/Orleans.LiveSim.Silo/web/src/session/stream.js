// A session's events over SSE. EventSource reconnects by itself and sends Last-Event-ID, so the server resumes the
// stream where it broke (or sends a resync snapshot). close() ends it for good.
import { api } from '../api.js';

export const streamedTypes = ['snapshot', 'resync', 'live_tick', 'game_started', 'game_ended', 'bet_placed', 'bet_settled',
  'bet_skipped', 'feed_gap', 'session_paused', 'session_resumed', 'session_stopped'];

/** onEvent(envelope); onState('open' | 'reconnecting' | 'closed'). */
export function openStream(id, token, { onEvent, onState }) {
  const source = new EventSource(api.streamUrl(id, token));
  source.onopen = () => onState('open');
  source.onerror = () => onState(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  for (const type of streamedTypes) {
    source.addEventListener(type, (e) => onEvent(JSON.parse(e.data)));
  }
  return { close: () => source.close() };
}
