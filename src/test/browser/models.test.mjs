// Every model of processes/, rendered by bpmn-js in headless Chromium: it imports without warnings, no word of a
// label is broken, no two labels overlap (the DI label bounds and the rendered text boxes alike), no flow is drawn
// on top of another, labels sit next to what they name, and boundary events cover neither names nor markers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { launch, newPage, loadBpmnJs, screenshot, root } from './browser.mjs';

const models = fs.readdirSync(path.join(root, 'processes')).filter(f => f.endsWith('.bpmn')).sort();
let browser;

before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What bpmn-js drew: every label, shape and flow, in diagram coordinates. */
async function render(page, xml) {
  return page.evaluate(async xml => {
    document.getElementById('canvas').innerHTML = '';
    const viewer = new window.BpmnJS({ container: '#canvas' });
    const { warnings } = await viewer.importXML(xml);
    const canvas = viewer.get('canvas');
    canvas.zoom('fit-viewport');
    const registry = viewer.get('elementRegistry');
    const textBox = (gfx, dx, dy) => {
      const text = gfx.querySelector('text.djs-label');
      if (!text || !text.textContent.trim()) return null;
      const b = text.getBBox();
      const tspans = [...text.querySelectorAll('tspan')];
      return { x: dx + b.x, y: dy + b.y, width: b.width, height: b.height,
        lines: tspans.map(t => t.textContent),
        lineBoxes: tspans.map(t => {
          const x = dx + Number(t.getAttribute('x')), y = dy + Number(t.getAttribute('y'));
          return { x, y: y - 11, width: t.getComputedTextLength(), height: 13 };
        }) };
    };
    const labels = [];
    const shapes = [];
    const flows = [];
    registry.getAll().forEach(element => {
      const bo = element.businessObject;
      const gfx = registry.getGraphics(element);
      if (element.type === 'label') {
        labels.push({ id: element.labelTarget.id, name: bo.name, external: true,
          di: { x: element.x, y: element.y, width: element.width, height: element.height },
          text: textBox(gfx, element.x, element.y), target: element.labelTarget.waypoints
            ? { waypoints: element.labelTarget.waypoints.map(p => ({ x: p.x, y: p.y })) }
            : { x: element.labelTarget.x, y: element.labelTarget.y, width: element.labelTarget.width, height: element.labelTarget.height } });
      } else if (element.waypoints) {
        flows.push({ id: element.id, waypoints: element.waypoints.map(p => ({ x: p.x, y: p.y })) });
      } else if (element.type !== 'bpmn:Process' && element.type !== 'bpmn:Collaboration' && element.parent) {
        const inner = /Task|CallActivity|SubProcess/.test(element.type) && bo.name
          ? textBox(gfx, element.x, element.y) : null;
        if (inner) labels.push({ id: element.id, name: bo.name, external: false, text: inner });
        shapes.push({ id: element.id, type: element.type, x: element.x, y: element.y, width: element.width,
          height: element.height, host: element.host?.id ?? null, expanded: !!element.di?.isExpanded });
      }
    });
    return { warnings: warnings.map(w => w.message), labels, shapes, flows };
  }, xml);
}

const overlap = (a, b, margin = 0) => a && b && a.x < b.x + b.width - margin && b.x < a.x + a.width - margin
  && a.y < b.y + b.height - margin && b.y < a.y + a.height - margin;
const words = s => (s || '').replace(/\s+/g, ' ').trim();

function distanceToBox(box, point) {
  const dx = Math.max(box.x - point.x, 0, point.x - (box.x + box.width));
  const dy = Math.max(box.y - point.y, 0, point.y - (box.y + box.height));
  return Math.hypot(dx, dy);
}

function distanceToFlow(box, waypoints) {
  let best = Infinity;
  for (let i = 1; i < waypoints.length; i++) {
    const [a, b] = [waypoints[i - 1], waypoints[i]];
    for (let t = 0; t <= 1; t += 0.05) {
      best = Math.min(best, distanceToBox(box, { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }));
    }
  }
  return best;
}

/** Segments of two flows lying on one line for more than a few pixels. */
function sharedSegments(f, g) {
  const found = [];
  const segments = flow => flow.waypoints.slice(1).map((p, i) => [flow.waypoints[i], p]);
  for (const [a, b] of segments(f)) {
    for (const [c, d] of segments(g)) {
      if (a.x === b.x && c.x === d.x && a.x === c.x) {
        const len = Math.min(Math.max(a.y, b.y), Math.max(c.y, d.y)) - Math.max(Math.min(a.y, b.y), Math.min(c.y, d.y));
        if (len > 2) found.push(`${f.id} and ${g.id} share x=${a.x} for ${len}px`);
      } else if (a.y === b.y && c.y === d.y && a.y === c.y) {
        const len = Math.min(Math.max(a.x, b.x), Math.max(c.x, d.x)) - Math.max(Math.min(a.x, b.x), Math.min(c.x, d.x));
        if (len > 2) found.push(`${f.id} and ${g.id} share y=${a.y} for ${len}px`);
      }
    }
  }
  return found;
}

for (const file of models) {
  test(`${file} renders tidily in bpmn-js`, async () => {
    const page = await newPage(browser, { width: 1800, height: 1000 });
    await loadBpmnJs(page);
    const drawn = await render(page, fs.readFileSync(path.join(root, 'processes', file), 'utf8'));
    await screenshot(page, 'models', file.replace(/\.bpmn$/, ''));
    const problems = [...drawn.warnings.map(w => `import warning: ${w}`)];

    for (const label of drawn.labels) {
      if (label.text && words(label.text.lines.join(' ')) !== words(label.name)) {
        problems.push(`${label.id}: "${label.name}" is drawn as ${JSON.stringify(label.text.lines)} (a word is broken)`);
      }
    }
    const boxes = drawn.labels.flatMap(l => [l.di && { id: l.id, what: 'DI bounds', box: l.di },
      l.text && { id: l.id, what: 'text', box: l.text }].filter(Boolean));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (boxes[i].id !== boxes[j].id && overlap(boxes[i].box, boxes[j].box)) {
          problems.push(`labels overlap: ${boxes[i].id} (${boxes[i].what}) and ${boxes[j].id} (${boxes[j].what})`);
        }
      }
    }
    for (const label of drawn.labels.filter(l => l.external && l.text)) {
      const distance = label.target.waypoints ? distanceToFlow(label.text, label.target.waypoints)
        : distanceToBox(label.text, { x: label.target.x + label.target.width / 2, y: label.target.y + label.target.height / 2 })
          - Math.max(label.target.width, label.target.height) / 2;
      if (distance > 30) problems.push(`${label.id}: its label is ${Math.round(distance)}px away from it`);
      for (const shape of drawn.shapes) {
        if (shape.id !== label.id && !shape.expanded && overlap(label.text, shape, 1)) {
          problems.push(`${label.id}: its label lies on ${shape.id}`);
        }
      }
    }
    for (let i = 0; i < drawn.flows.length; i++) {
      for (let j = i + 1; j < drawn.flows.length; j++) problems.push(...sharedSegments(drawn.flows[i], drawn.flows[j]));
    }
    for (const event of drawn.shapes.filter(s => s.host)) {
      const host = drawn.shapes.find(s => s.id === event.host);
      const name = drawn.labels.find(l => l.id === host.id && !l.external);
      if (name && overlap(event, name.text)) problems.push(`${event.id} covers the name of ${host.id}`);
      if (host.type === 'bpmn:CallActivity' || host.type === 'bpmn:SubProcess') {
        const marker = { x: host.x + host.width / 2 - 8, y: host.y + host.height - 20, width: 16, height: 20 };
        if (overlap(event, marker)) problems.push(`${event.id} covers the marker of ${host.id}`);
      }
    }
    for (const task of drawn.shapes.filter(s => /Task$/.test(s.type) && s.type !== 'bpmn:Task')) {
      const name = drawn.labels.find(l => l.id === task.id && !l.external);
      const icon = { x: task.x + 5, y: task.y + 5, width: 20, height: 20 };
      if (name && name.text.lineBoxes.some(line => overlap(line, icon))) problems.push(`${task.id}: its name runs under its icon`);
    }
    assert.deepEqual(problems, [], `${file}:\n  ${problems.join('\n  ')}`);
    await page.close();
  });
}
