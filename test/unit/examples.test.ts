// Every example in examples/ is checked: the valid ones have no error and no warning and end
// in the states TCP would; the Korean study note keeps its planted mistakes, each on its own line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { codesOf } from './helpers';

const dir = join(__dirname, '..', '..', 'examples');
const load = (name: string) => analyze(readFileSync(join(dir, name), 'utf8'));

const FINAL_STATES: Record<string, Record<string, string>> = {
  'three-way-handshake.tcpflow': { A: 'ESTABLISHED', B: 'ESTABLISHED' },
  'three-way-handshake-symbols.tcpflow': { A: 'ESTABLISHED', B: 'ESTABLISHED' },
  'four-way-close.tcpflow': { A: 'CLOSED', B: 'CLOSED' },
  'three-segment-close.tcpflow': { A: 'TIME_WAIT', B: 'CLOSED' },
  'simultaneous-open.tcpflow': { A: 'ESTABLISHED', B: 'ESTABLISHED' },
  'simultaneous-close.tcpflow': { A: 'CLOSED', B: 'CLOSED' },
  'lost-syn-retransmission.tcpflow': { C: 'ESTABLISHED', S: 'ESTABLISHED' },
  'data-loss-out-of-order.tcpflow': { A: 'ESTABLISHED', B: 'ESTABLISHED' },
  'rst-closed-port.tcpflow': { C: 'CLOSED', S: 'CLOSED' },
  'half-close.tcpflow': { C: 'TIME_WAIT', S: 'CLOSED' },
};

describe('examples', () => {
  it('every example file is covered by this test', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.tcpflow')).sort();
    assert.deepEqual(files, [...Object.keys(FINAL_STATES), 'korean-study-note.tcpflow'].sort());
  });

  for (const [file, states] of Object.entries(FINAL_STATES)) {
    it(`${file}: no error, no warning, final states as TCP would end`, () => {
      const a = load(file);
      assert.deepEqual([...codesOf(a, 'error'), ...codesOf(a, 'warning')], []);
      assert.deepEqual(a.finalStates, states);
    });
  }

  it('the informational notes of the examples are the ones TCP would give', () => {
    assert.deepEqual(codesOf(load('lost-syn-retransmission.tcpflow')), ['TF210@7']);
    assert.deepEqual(codesOf(load('data-loss-out-of-order.tcpflow')), ['TF216@7', 'TF210@10']);
    assert.deepEqual(codesOf(load('rst-closed-port.tcpflow')), ['TF213@5']);
    assert.deepEqual(codesOf(load('simultaneous-open.tcpflow')), ['TF210@10', 'TF210@12']);
  });

  it('korean-study-note.tcpflow: each planted mistake is reported once, on its own line', () => {
    const a = load('korean-study-note.tcpflow');
    assert.deepEqual(codesOf(a, 'error'), ['TF202@7', 'TF200@10', 'TF200@12', 'TF200@14']);
    assert.deepEqual(codesOf(a, 'warning'), ['TF204@10']);
    assert.deepEqual(a.finalStates, { 클라이언트: 'TIME_WAIT', 서버: 'CLOSED' });
  });
});
