// The sliced diagram between host and webview (client/src/preview/sliceWire.ts): a slice the
// webview has goes as a reference, what arrives decodes to what was sent, and a webview that lacks
// a referenced slice says so instead of drawing something else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diagramPayload, PreviewMemory } from '../../client/src/preview/payload';
import { SliceDecoder, SliceEncoder } from '../../client/src/preview/sliceWire';
import { flowOf } from '../browser/flows';

describe('slices on the wire', () => {
  const memory = new PreviewMemory();
  const texts = [flowOf(400, 'a'), flowOf(400, 'ab'), `\n\n${flowOf(400, 'ab')}`, flowOf(400, 'ab').replace('"part 9"', '"part nine"'), flowOf(30)];
  const diagrams = texts.map((t) => diagramPayload(t, {}, memory).diagram);

  it('decodes to what was sent; an unchanged slice goes as a reference, its lines only if they moved', () => {
    const [encoder, decoder] = [new SliceEncoder(), new SliceDecoder()];
    const sent = diagrams.map((d) => encoder.encode(d));
    for (const [i, wire] of sent.entries()) assert.deepEqual(decoder.decode(wire), diagrams[i], `update ${i}`);
    assert.ok(sent[0].slices.every((s) => s.body !== undefined), 'the first update goes whole');
    const typed = sent[1].slices.filter((s) => s.body !== undefined);
    assert.equal(typed.length, 1, 'one keystroke: one slice sent whole');
    assert.ok(sent[1].slices.every((s) => s.body !== undefined || s.arrowLines === undefined));
    assert.ok(sent[2].slices.every((s) => s.body === undefined && s.arrowLines !== undefined), 'blank lines above: every slice by reference, its lines moved');
    assert.ok(JSON.stringify(sent[1]).length < JSON.stringify(diagrams[1]).length / 5, "a fifth of the bytes, or less");
  });

  it('carries the error marks: with the text, or, for a slice sent as a reference, from the slice it refers to', () => {
    const wrong = flowOf(400).replace(/ack=90001 len=100 "part 3"/, 'ack=7 len=100 "part 3"').replace('C -> S: PSH,ACK seq=2201 ', 'C(CLOSED) -> S: PSH,ACK seq=2201 ');
    const m = new PreviewMemory();
    const [before, after] = [diagramPayload(wrong, {}, m).diagram, diagramPayload(`\n${wrong}`, {}, m).diagram];
    assert.ok(before.slices.some((s) => s.errorArrows) && before.slices.some((s) => s.errorNotes), 'an arrow and a note marked');
    const [encoder, decoder] = [new SliceEncoder(), new SliceDecoder()];
    decoder.decode(encoder.encode(before));
    const wire = encoder.encode(after);
    assert.ok(wire.slices.every((s) => s.body === undefined && s.errorArrows === undefined && s.errorNotes === undefined));
    assert.deepEqual(decoder.decode(wire), after);
  });

  it('starts over whole after a reset; a decoder that lacks a referenced slice returns nothing', () => {
    const encoder = new SliceEncoder();
    encoder.encode(diagrams[0]);
    const delta = encoder.encode(diagrams[1]);
    assert.equal(new SliceDecoder().decode(delta), undefined);
    encoder.reset();
    assert.deepEqual(new SliceDecoder().decode(encoder.encode(diagrams[1])), diagrams[1]);
  });
});
