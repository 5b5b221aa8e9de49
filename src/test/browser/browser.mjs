// Headless Chromium (Debian's) with form-js and bpmn-js from node_modules: nothing is fetched from the network.
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..', '..');
const modules = path.join(here, 'node_modules');

export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: FLAGS,
    headless: true
  });
}

/** A page that may load nothing from outside: every request is refused, the libraries come in as tags. */
export async function newPage(browser, { width = 1100, height = 900 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.setDefaultTimeout(Number(process.env.BROWSER_TIMEOUT_MS || 15000));
  await page.route('**/*', route => route.abort());
  const messages = [];
  page.on('console', m => messages.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', e => messages.push(`pageerror: ${e.message}`));
  page.messages = messages;
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="canvas"></div></body></html>');
  return page;
}

export async function loadFormJs(page) {
  await page.addStyleTag({ path: path.join(modules, '@bpmn-io/form-js/dist/assets/form-js.css') });
  await page.addStyleTag({ content: 'body { font-family: "DejaVu Sans", sans-serif; margin: 16px; } #canvas { max-width: 1000px; }' });
  await page.addScriptTag({ path: path.join(modules, '@bpmn-io/form-js/dist/form-viewer.umd.js') });
}

export async function loadBpmnJs(page) {
  await page.addStyleTag({ path: path.join(modules, 'bpmn-js/dist/assets/diagram-js.css') });
  await page.addStyleTag({ path: path.join(modules, 'bpmn-js/dist/assets/bpmn-js.css') });
  await page.addStyleTag({ content: 'html, body, #canvas { width: 100%; height: 100%; margin: 0; }' });
  await page.addScriptTag({ path: path.join(modules, 'bpmn-js/dist/bpmn-viewer.development.js') });
}

/** Renders a form-js schema with the data, as any front end would. */
export async function renderForm(page, schema, data) {
  await page.evaluate(async ({ schema, data }) => {
    document.getElementById('canvas').innerHTML = '';
    const form = new window.FormViewer.Form({ container: document.getElementById('canvas') });
    await form.importSchema(schema, data);
    window.form = form;
  }, { schema, data });
}

/** form-js' own submission: {data, errors}. */
export async function submit(page) {
  return page.evaluate(() => {
    const { data, errors } = window.form.submit();
    return { data, errors };
  });
}

export async function screenshot(page, dir, name) {
  const out = path.join(root, 'target', dir);
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, name + '.png');
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
