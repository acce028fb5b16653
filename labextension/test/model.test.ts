// Unit tests of the extension's logic (node's test runner): `npm test` in labextension/.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildTemplate,
  describeVisual,
  embeddedVideoFromHtml,
  INSERT_MAX_AGE,
  insertIdsOf,
  InsertOnce,
  IStoryboardPayload,
  magicLine,
  normalizeSettings,
  parseInsertRequest,
  postersFromHtml,
  safeUrl,
  shellQuote,
  storyboardCaption,
  storyboardRows
} from '../src/model';

test('the magic line carries the settings as flags', () => {
  assert.equal(magicLine({ model: '', quality: 'l' }), '%%code2video -q l');
  assert.equal(magicLine({ model: 'openai/gpt-4.1', quality: 'm' }), '%%code2video -q m --model openai/gpt-4.1');
  assert.equal(magicLine({ model: 'my model', quality: 'h' }), "%%code2video -q h --model 'my model'");
});

test('settings from the registry are checked', () => {
  assert.deepEqual(normalizeSettings(undefined), { model: '', quality: 'l' });
  assert.deepEqual(normalizeSettings({ model: '  ollama/qwen2.5-coder ', quality: 'k' }), {
    model: 'ollama/qwen2.5-coder',
    quality: 'k'
  });
  assert.deepEqual(normalizeSettings({ model: 3, quality: 'x' }), { model: '', quality: 'l' });
});

test('shell quoting reads back like shlex.split', () => {
  assert.equal(shellQuote('hosted_vllm/Qwen/Qwen2.5-7B'), 'hosted_vllm/Qwen/Qwen2.5-7B');
  assert.equal(shellQuote("it's"), "'it'\"'\"'s'");
  assert.equal(shellQuote(''), "''");
  assert.equal(shellQuote('a;rm -rf'), "'a;rm -rf'");
});

test('the template is a magic line and a lesson outline', () => {
  const t = buildTemplate({ model: '', quality: 'm' });
  const lines = t.split('\n');
  assert.equal(lines[0], '%%code2video -q m');
  assert.equal(lines[1], '# The title of your lesson');
  assert.ok(lines.includes('## A first section'));
  assert.ok(lines.some(l => l.startsWith('- ')));
  assert.match(t, /```equation\n {2}a\^2 \+ b\^2 = c\^2\n {2}```/);
  assert.match(t, /needs a model|that needs a model/);
  const withModel = buildTemplate({ model: 'openai/gpt-4.1', quality: 'l' });
  assert.equal(withModel.split('\n')[0], '%%code2video -q l --model openai/gpt-4.1');
  assert.match(withModel, /openai\/gpt-4\.1 then plans the lesson/);
});

test('visuals are described in one line each', () => {
  assert.equal(describeVisual({ kind: 'equation', latex: 'a^2+b^2=c^2', id: 'law', at: 'A1:C6' }),
    'equation: a^2+b^2=c^2 #law at A1:C6');
  assert.equal(describeVisual({ kind: 'plot', functions: [{ expr: 'x**2' }, { expr: 'sin(x)' }], x_range: [-2, 2] }),
    'plot: x**2, sin(x) on x in [-2, 2]');
  assert.equal(describeVisual({ kind: 'shape', shapes: [{ shape: 'triangle' }, { shape: 'square' }], id: 'tri' }),
    'shape: triangle, square #tri');
  assert.equal(describeVisual({ kind: 'number_line', range: [-5, 5] }), 'number line: from [-5, 5]');
  assert.equal(describeVisual({ kind: 'table', rows: [['a', 'b'], ['1', '2'], ['3', '4']] }), 'table: 3x2');
  assert.equal(describeVisual({ kind: 'transform', target: 'law', to: 'c = \\sqrt{a^2+b^2}' }),
    'transform: law into c = \\sqrt{a^2+b^2}');
  assert.equal(describeVisual({ kind: 'highlight', target: 'tri', style: 'indicate' }), 'highlight: tri (indicate)');
  assert.equal(describeVisual({ kind: 'code', code: 'a\nb\nc', language: 'python' }), 'code: python, 3 lines');
  assert.equal(describeVisual({ kind: 'new_kind' }), 'new kind');
  const long = describeVisual({ kind: 'text', text: 'x'.repeat(200) });
  assert.ok(long.length < 100 && long.endsWith('…'));
});

const PAYLOAD: IStoryboardPayload = {
  version: 1,
  run: 'pythagoras',
  folder: 'code2video_runs/pythagoras',
  status: 'done',
  quality: 'l',
  duration: 12.34,
  video: 'code2video_runs/pythagoras/final.mp4?v=abc',
  storyboard: {
    topic: 'The Pythagorean theorem',
    audience: 'general',
    sections: [
      {
        id: 1,
        title: 'Right triangles',
        lecture_lines: [
          { text: 'A right triangle', narration: 'A right triangle has a right angle.',
            visuals: [{ kind: 'shape', id: 'tri', shapes: [{ shape: 'triangle' }] }] },
          { text: 'The hypotenuse', narration: 'The hypotenuse', visuals: [] }
        ]
      },
      { id: 2, title: 'The theorem', lecture_lines: [{ text: 'a^2 + b^2 = c^2' }] }
    ]
  },
  sections: { '1': { status: 'done, 5.0 s', video: 'code2video_runs/pythagoras/sections/01/section.mp4' } }
};

test('the storyboard table has a row per section with its lines and visuals', () => {
  const rows = storyboardRows(PAYLOAD);
  assert.equal(rows.length, 2);
  assert.deepEqual(rows[0].lines[0], {
    text: 'A right triangle',
    narration: 'A right triangle has a right angle.',
    visuals: ['shape: triangle #tri']
  });
  assert.equal(rows[0].lines[1].narration, null); // the same as the text: not repeated
  assert.equal(rows[0].status, 'done, 5.0 s');
  assert.equal(rows[0].video, 'code2video_runs/pythagoras/sections/01/section.mp4');
  assert.equal(rows[1].status, 'pending');
  assert.equal(rows[1].video, null);
  assert.deepEqual(storyboardRows({ ...PAYLOAD, storyboard: { topic: 't', sections: 'x' as never } }), []);
  assert.equal(storyboardCaption(PAYLOAD), 'run code2video_runs/pythagoras · done · quality l · 12.3 s');
});

test('posters are taken from the HTML summary by section id', () => {
  const html = '<td><a href="x"><img alt="section 2" width="240" src="data:image/png;base64,iVBORw0KGgo="></a></td>' +
    '<img alt="section 3" src="https://example.org/x.png"><img src="data:image/png;base64,AAAA">';
  const posters = postersFromHtml(html);
  assert.deepEqual([...posters.keys()], [2]);
  assert.equal(posters.get(2), 'data:image/png;base64,iVBORw0KGgo=');
  assert.equal(postersFromHtml(undefined).size, 0);
});

test('insert requests are checked', () => {
  assert.deepEqual(parseInsertRequest({ code: 'x = 1', id: 'a1', label: 'section 2', created: 5 }),
    { code: 'x = 1', id: 'a1', label: 'section 2', created: 5 });
  assert.equal(parseInsertRequest({ code: 'x', id: '' }), null);
  assert.equal(parseInsertRequest({ id: 'a' }), null);
  assert.equal(parseInsertRequest('code'), null);
  assert.equal(parseInsertRequest(null), null);
});

test('a request inserts once: not again in this session, nor when a cell records it', () => {
  const once = new InsertOnce();
  const now = 1_000_000;
  const req = { code: 'x', id: 'r1', created: now - 1 };
  assert.equal(once.decide(req, [], now), 'insert');
  assert.equal(once.decide(req, [], now), 'duplicate'); // a second view of the same output
  const fresh = new InsertOnce(); // a reloaded page: the notebook's cells remember it
  assert.equal(fresh.decide(req, ['r0', 'r1'], now), 'duplicate');
  assert.equal(fresh.decide({ code: 'y', id: 'r2', created: now }, ['r1'], now), 'insert');
  assert.equal(fresh.decide({ code: 'z', id: 'r3', created: now - INSERT_MAX_AGE - 1 }, [], now), 'stale');
  assert.equal(fresh.decide({ code: 'z', id: 'r4' }, [], now), 'insert'); // no time given: no age check
});

test('insert ids are read from cell metadata', () => {
  assert.deepEqual(insertIdsOf([{ code2video: { insert_id: 'a' } }, {}, null, { code2video: { section: 2 } },
    { code2video: { insert_id: 'b' } }]), ['a', 'b']);
});

test('only safe links are followed (untrusted notebooks are rendered too)', () => {
  assert.equal(safeUrl('code2video_runs/r/final.mp4?v=abc'), 'code2video_runs/r/final.mp4?v=abc');
  assert.equal(safeUrl('https://example.org/v.mp4'), 'https://example.org/v.mp4');
  assert.equal(safeUrl('data:video/mp4;base64,AAAA'), 'data:video/mp4;base64,AAAA');
  assert.equal(safeUrl('javascript:alert(1)'), null);
  assert.equal(safeUrl(' JavaScript:alert(1)'), null);
  assert.equal(safeUrl('data:text/html;base64,PHNjcmlwdD4='), null);
  assert.equal(safeUrl('file:///etc/passwd'), null);
  assert.equal(safeUrl('//evil.example/x'), null);
  assert.equal(safeUrl(''), null);
  assert.equal(safeUrl(42), null);
});

test('an embedded final video is taken from the HTML summary', () => {
  assert.equal(embeddedVideoFromHtml('<p><video controls src="data:video/mp4;base64,AAAB"></video>'),
    'data:video/mp4;base64,AAAB');
  assert.equal(embeddedVideoFromHtml('<video src="code2video_runs/r/final.mp4"></video>'), null);
  assert.equal(embeddedVideoFromHtml(null), null);
});
