// Step mode in the preview webview (headless chromium, the real page and CSP), driven by the
// keyboard alone, the host's side played by the extension's own StepMode (stepHost.ts): at every
// step of a flow, the highlighted arrow, each endpoint's TCB before and after, what changed, and the
// states and transitions lit in the state diagram are the trace's (core tcbTrace, analysis.steps).
// The cursor moves the step; the step moves the editor's selection. Screenshots in the light, dark
// and high-contrast themes are kept in test-artifacts/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { tcbAt, tcbTrace, type TcbView } from '../../server/src/core/tcp/tcb';
import type { Analysis, TraceStep } from '../../server/src/core/tcp/analysis';
import { flowOf } from './flows';
import { settled, sharedBrowser, withPreviewPage, type BodyTheme } from './harness';
import { labelStarts, StepHost } from './stepHost';

const browser = sharedBrowser();
const example = (name: string): string => readFileSync(`examples/${name}`, 'utf8');
const NUMBERS = ['iss', 'sndUna', 'sndNxt', 'irs', 'rcvNxt'] as const;

interface Shown {
  label: string;
  stepArrows: number[];
  cards: { name: string; rows: Record<string, { before: string; after: string; changed: boolean }> }[];
  litBoxes: string[];
  litEdges: number;
  extraEdges: number;
  badges: string[];
}

/** What the step panel and the diagram show now. */
function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const text = (e: Element | null | undefined): string => (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const cards = [...document.querySelectorAll('#step-cards .tf-tcb')].map((card) => {
      const rows: Record<string, { before: string; after: string; changed: boolean }> = {};
      for (const row of card.querySelectorAll('tr[data-field]')) {
        const cell = (when: string): string => {
          const td = row.querySelector(`td[data-when="${when}"]`)!.cloneNode(true) as Element;
          for (const sr of td.querySelectorAll('.tf-sr')) sr.remove();
          return text(td);
        };
        rows[row.getAttribute('data-field')!] = { before: cell('before'), after: cell('after'), changed: row.classList.contains('tf-changed') };
      }
      return { name: card.getAttribute('data-endpoint')!, rows };
    });
    return {
      label: text(document.getElementById('step-label')),
      stepArrows: [...document.querySelectorAll('#diagram line.tf-step, #diagram path.tf-step')].map((e) => Number(e.getAttribute('data-tf-index'))),
      cards,
      litBoxes: [...document.querySelectorAll('.tf-fig-box.tf-lit')].map((g) => g.getAttribute('data-state')!).sort(),
      litEdges: document.querySelectorAll('.tf-figure .tf-fig-edge.tf-lit:not(.tf-fig-extra)').length,
      extraEdges: document.querySelectorAll('.tf-figure .tf-fig-extra').length,
      badges: [...document.querySelectorAll('.tf-fig-badge text')].map(text),
    };
  });
}

const value = (v: TcbView[keyof TcbView] | undefined): string => (v === undefined ? '?' : String(v));

/** The endpoints a step shows, in column order: a message's two ends, a state line's names, a wait's changes (or everyone). */
function involved(a: Analysis, step: TraceStep): string[] {
  const names = step.message
    ? [step.message.from, step.message.to]
    : step.stmt.kind === 'state'
      ? step.stmt.items.map((x) => x.name)
      : step.changes.length
        ? step.changes.map((c) => c.name)
        : a.participants.map((p) => p.name);
  const order = a.participants.map((p) => p.name);
  return [...new Set(names)].sort((x, y) => order.indexOf(x) - order.indexOf(y));
}

/** Figure 5's box of a state: CLOSED at its bottom once reached from LAST_ACK or TIME_WAIT. */
function boxOf(a: Analysis, index: number, name: string): string {
  const state = a.steps[index].stateOf(name)!;
  if (state !== 'CLOSED') return state;
  for (let i = index; i >= 0; i--) {
    const c = a.steps[i].changes.find((x) => x.name === name);
    if (c) return c.from === 'LAST_ACK' || c.from === 'TIME_WAIT' ? 'CLOSED_END' : 'CLOSED';
  }
  return 'CLOSED';
}

/** Checks what the page shows at step `i` against the trace. */
async function expectStep(page: Page, a: Analysis, i: number): Promise<void> {
  const trace = tcbTrace(a.doc);
  const step = a.steps[i];
  const s = await shown(page);
  const where = `step ${i + 1} (line ${step.line + 1}, ${step.event})`;
  assert.ok(s.label.startsWith(`Step ${i + 1} of ${a.steps.length} · line ${step.line + 1} · `), `${where}: ${s.label}`);
  const sends = a.steps.filter((x) => x.event === 'send');
  const arrow = step.message ? sends.findIndex((x) => x.message === step.message) : -1;
  assert.deepEqual(s.stepArrows, arrow >= 0 ? [arrow] : [], `${where}: the highlighted arrow`);
  const names = involved(a, step);
  assert.deepEqual(s.cards.map((c) => c.name), names, `${where}: the endpoints shown`);
  for (const card of s.cards) {
    const [before, after] = [tcbAt(trace, i - 1, card.name)!, tcbAt(trace, i, card.name)!];
    const stateBefore = i > 0 ? a.steps[i - 1].stateOf(card.name) : a.participants.find((p) => p.name === card.name)!.initial;
    assert.equal(card.rows.state.after, step.stateOf(card.name), `${where}: ${card.name}'s state`);
    assert.ok(card.rows.state.before.endsWith(stateBefore!), `${where}: ${card.name}'s state before`);
    for (const f of NUMBERS) {
      assert.deepEqual([card.rows[f].before, card.rows[f].after], [value(before[f]), value(after[f])], `${where}: ${card.name}'s ${f}`);
      assert.equal(card.rows[f].changed, before[f] !== after[f], `${where}: ${card.name}'s ${f} marked changed`);
    }
    assert.equal(card.rows.unacked.after.split('seq=').length - 1, after.unacked.length, `${where}: ${card.name}'s segments in flight`);
    assert.equal(card.rows.outOfOrder.after.split('seq=').length - 1, after.outOfOrder.length, `${where}: ${card.name}'s out-of-order segments`);
  }
  assert.deepEqual(s.litBoxes, [...new Set(names.map((n) => boxOf(a, i, n)))].sort(), `${where}: the states lit`);
  const transitions = step.changes.filter((c) => names.includes(c.name)).length;
  assert.equal(s.litEdges + s.extraEdges, transitions, `${where}: one transition lit per state change`);
  assert.equal(s.badges.length, names.length, `${where}: a name beside each endpoint's state`);
}

async function press(host: StepHost, key: string, expected: string): Promise<void> {
  await host.p.page.keyboard.press(key);
  await host.answer((m) => m.type === 'stepTo' || m.type === 'stepMode');
  await labelStarts(host.p.page, expected);
  await settled(host.p);
}

/** Opens step mode from the keyboard: Tab to the toolbar's first button, Enter. */
async function openByKeyboard(host: StepHost): Promise<void> {
  await host.p.page.keyboard.press('Tab');
  assert.equal(await host.p.page.evaluate(() => document.activeElement?.id), 'step-toggle');
  await host.p.page.keyboard.press('Enter');
  await host.answer((m) => m.type === 'stepMode');
  await labelStarts(host.p.page, 'Step ');
  await settled(host.p);
}

describe('preview webview: step mode', () => {
  for (const name of ['data-loss-out-of-order.tcpflow', 'four-way-close.tcpflow', 'simultaneous-close.tcpflow', 'korean-study-note.tcpflow']) {
    it(`walks ${name} one step at a time by keyboard alone, each step as the trace has it`, async () => {
      await withPreviewPage(browser(), { height: 900 }, async (p) => {
        const host = new StepHost(p);
        const { analysis: a } = await host.update(example(name));
        await openByKeyboard(host);
        assert.equal(await p.page.locator('#step').isVisible(), true);
        await expectStep(p.page, a, 0);
        for (let i = 1; i < a.steps.length; i++) {
          await press(host, 'ArrowRight', `Step ${i + 1} of`);
          await expectStep(p.page, a, i);
        }
        // Each step moved the editor's selection to its line (a line's send and delivery select it once).
        const lines = a.steps.slice(1).map((s) => s.line);
        assert.deepEqual(host.selected, lines.filter((l, i) => i === 0 || l !== lines[i - 1]));
        await press(host, 'ArrowRight', `Step ${a.steps.length} of`); // past the end: stays
        await press(host, 'Home', 'Step 1 of');
        await expectStep(p.page, a, 0);
        await press(host, 'End', `Step ${a.steps.length} of`);
        await press(host, 'ArrowLeft', `Step ${a.steps.length - 1} of`);
        await expectStep(p.page, a, a.steps.length - 2);
      });
    });
  }

  it('the cursor moves the step: to its line’s first step, or the last step before it', async () => {
    await withPreviewPage(browser(), {}, async (p) => {
      const host = new StepHost(p);
      const text = example('data-loss-out-of-order.tcpflow');
      const { analysis: a } = await host.update(text);
      await openByKeyboard(host);
      const lines = text.split('\n');
      const retransmission = lines.findIndex((l) => l.startsWith('A -> B: PSH,ACK seq=1 '));
      await host.moveCursor(retransmission);
      const first = a.steps.findIndex((s) => s.line === retransmission);
      await labelStarts(p.page, `Step ${first + 1} of`);
      await settled(p);
      await expectStep(p.page, a, first);
      // A comment line: the flow as it stands there (the step before it).
      await host.moveCursor(0);
      await labelStarts(p.page, 'Step 1 of');
      // The `wait` line: its own step, no arrow.
      const wait = lines.findIndex((l) => l.startsWith('wait'));
      await host.moveCursor(wait);
      await labelStarts(p.page, `Step ${a.steps.findIndex((s) => s.line === wait) + 1} of`);
      assert.deepEqual((await shown(p.page)).stepArrows, []);
    });
  });

  it('Enter on an arrow (reached by Tab) makes it the step; the editor selects its line', async () => {
    await withPreviewPage(browser(), {}, async (p) => {
      const host = new StepHost(p);
      const { analysis: a, messageLines } = await host.update(example('four-way-close.tcpflow'));
      await openByKeyboard(host);
      // Tab past the toolbar to the third arrow.
      for (let tabs = 0; (await p.page.evaluate(() => document.activeElement?.getAttribute('data-tf-index'))) !== '2'; tabs++) {
        assert.ok(tabs < 12, 'the arrows come after the toolbar in the Tab order');
        await p.page.keyboard.press('Tab');
      }
      assert.match((await p.page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) ?? '', /^Line 8: FIN,ACK seq=300 ack=101/);
      await p.page.keyboard.press('Enter');
      await host.answer((m) => m.type === 'stepTo');
      const index = a.steps.findIndex((s) => s.event === 'send' && s.line === messageLines[2]);
      await labelStarts(p.page, `Step ${index + 1} of`);
      await settled(p);
      await expectStep(p.page, a, index);
      assert.equal(host.cursorLine, messageLines[2]);
    });
  });

  it('a step in a slice not drawn yet: the view goes there, draws it, and highlights the arrow', async () => {
    await withPreviewPage(browser(), { height: 700 }, async (p) => {
      const host = new StepHost(p);
      const { analysis: a, diagram } = await host.update(flowOf(600));
      assert.ok(diagram.slices.length > 20);
      await openByKeyboard(host);
      await press(host, 'End', `Step ${a.steps.length} of`);
      await expectStep(p.page, a, a.steps.length - 1);
      const inView = await p.page.$eval('#diagram .tf-step', (e) => {
        const r = e.getBoundingClientRect();
        const v = document.getElementById('viewport')!.getBoundingClientRect();
        return r.top >= v.top && r.bottom <= v.bottom;
      });
      assert.ok(inView, 'the step’s arrow is in view');
    });
  });

  it('follows an edit: the step at the cursor is shown for the new flow', async () => {
    await withPreviewPage(browser(), {}, async (p) => {
      const host = new StepHost(p);
      const text = example('four-way-close.tcpflow');
      await host.update(text);
      await openByKeyboard(host);
      await host.moveCursor(7);
      // The student types a wrong ack on line 8: the step shows the error and the ⚠ arrow.
      const edited = text.replace('FIN,ACK seq=300 ack=101', 'FIN,ACK seq=300 ack=100');
      const { analysis: a } = await host.update(edited);
      await labelStarts(p.page, `Step ${a.steps.findIndex((s) => s.line === 7) + 1} of`);
      assert.match((await p.page.locator('#step-error').textContent()) ?? '', /^B's ack must be 101 here, not 100/);
      assert.match((await shown(p.page)).label, /⚠ FIN,ACK seq=300 ack=100 ✗ 101$/);
    });
  });
});

describe('preview webview: step mode in every theme', () => {
  const THEMES: [BodyTheme, string][] = [
    ['vscode-light', 'light'],
    ['vscode-dark', 'dark'],
    ['vscode-high-contrast', 'high-contrast'],
    ['vscode-high-contrast-light', 'high-contrast-light'],
  ];
  for (const [theme, name] of THEMES) {
    it(`${name}: the endpoints’ colours differ and stand out from the background; screenshot kept`, async () => {
      await withPreviewPage(browser(), { theme, width: 1100, height: 860 }, async (p) => {
        const host = new StepHost(p);
        const { analysis: a } = await host.update(example('four-way-close.tcpflow'));
        await openByKeyboard(host);
        // The server's FIN delivered: the client goes FIN_WAIT_2 → TIME_WAIT, the FIN still in flight at the server.
        const target = a.steps.findIndex((s) => s.event === 'deliver' && s.message?.from === 'B' && s.message.flags.includes('FIN'));
        for (let i = 1; i <= target; i++) await press(host, 'ArrowRight', `Step ${i + 1} of`);
        await expectStep(p.page, a, target);
        const colours = await p.page.evaluate(() => {
          const rgb = (c: string): number[] => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
          const badges = [...document.querySelectorAll('.tf-fig-badge rect')].map((r) => rgb(getComputedStyle(r).fill));
          const background = rgb(getComputedStyle(document.body).backgroundColor);
          return { badges, background };
        });
        const luminance = ([r, g, b]: number[]): number => {
          const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
          return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        };
        const contrast = (x: number[], y: number[]): number => {
          const [l1, l2] = [luminance(x), luminance(y)].sort((m, n) => n - m);
          return (l1 + 0.05) / (l2 + 0.05);
        };
        assert.equal(colours.badges.length, 2);
        assert.notDeepEqual(colours.badges[0], colours.badges[1], 'two endpoints, two colours');
        for (const c of colours.badges) assert.ok(contrast(c, colours.background) >= 3, `${c} on ${colours.background}: WCAG 1.4.11 asks 3:1`);
        mkdirSync('test-artifacts', { recursive: true });
        const png = await p.page.screenshot({ path: `test-artifacts/step-mode-${name}.png` });
        assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
      });
    });
  }
});
