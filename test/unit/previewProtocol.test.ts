// The host acts only on webview messages of the right shape (client/src/preview/protocol.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isWebviewMessage } from '../../client/src/preview/protocol';

describe('webview messages the preview host accepts', () => {
  it('accepts the messages the webview sends', () => {
    for (const m of [
      { type: 'ready' },
      { type: 'rendered', seq: 3, arrows: 5, notes: 7, crosses: 1, ms: 12.5 },
      { type: 'renderFailed', seq: 4, reason: 'tooLarge', message: 'too big' },
      { type: 'reveal', line: 0 },
      { type: 'exported', requestId: 2, data: '<svg/>' },
      { type: 'exported', requestId: 2, error: 'no canvas' },
      { type: 'stepMode', on: true },
      { type: 'stepTo', index: 0, request: 1 },
      { type: 'stepTo', arrow: 3, request: 2 },
      { type: 'stepShown', index: 4, arrow: 2 },
      { type: 'stepShown', index: 5 },
    ]) assert.equal(isWebviewMessage(m), true, JSON.stringify(m));
  });

  it('rejects anything else: wrong types, NaN, negative lines, unknown kinds', () => {
    for (const m of [
      null,
      'reveal',
      { type: 'reveal', line: Number.NaN },
      { type: 'reveal', line: -1 },
      { type: 'reveal', line: 1.5 },
      { type: 'reveal', line: '3' },
      { type: 'rendered', seq: 'x', arrows: 1, notes: 1, crosses: 0, ms: 1 },
      { type: 'renderFailed', seq: 1, reason: 'other', message: '' },
      { type: 'exported', requestId: 1, data: 5 },
      { type: 'stepMode', on: 'yes' },
      { type: 'stepTo', index: 1 },
      { type: 'stepTo', index: 1, arrow: 2, request: 1 },
      { type: 'stepTo', index: -1, request: 1 },
      { type: 'stepTo', request: 1 },
      { type: 'stepShown', index: 1.5 },
      { type: 'eval', code: 'x' },
    ]) assert.equal(isWebviewMessage(m), false, JSON.stringify(m));
  });
});
