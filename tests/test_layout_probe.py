"""The layout probe: pure-geometry rules on synthetic snapshots (fast), then real scenes run in
the sandbox: planted problems found with the right source line, no false alarm on correct
scenes or on the compiled example lessons, and the `code2video check` command."""

from __future__ import annotations

import json
import math
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from code2video_jupyter import thresholds as th
from code2video_jupyter.cli.main import main as cli_main
from code2video_jupyter.compiler import compile_section
from code2video_jupyter.critic import check_snapshots, probe_scene
from code2video_jupyter.lesson import read_lesson

from .conftest import LESSONS, ROOT

CORPUS = ROOT / "tests" / "layout_corpus"
FRAME = [0.0, 0.0, 14.0 + 2 / 9, 8.0]
EXPECT = re.compile(r"^expect: (\w+) line (\d+)$", re.M)
PLANTED = re.compile(r"# planted: (\w+)")

# True problems in the scaffold's figure builders, confirmed on the rendered frames (not false
# alarms): a plotted curve through a tick number, an arrow over another vector's label. They
# belong to the scaffold (figures.py); remove an entry when its defect is fixed.


# --- synthetic snapshots ----------------------------------------------------------------------
def text(i: int, bbox, line: int | None = None, **kw) -> dict:
    r = {"id": i, "cls": "Text", "role": "text", "text": f"t{i}", "numeric": False, "owner": None,
         "top": i, "chrome": False, "bbox": list(bbox), "opacity": 1.0, "z": i, "font_size": 30.0,
         "backed": False, "label": None, "line": line if line is not None else 10 + i}
    r.update(kw)
    return r


def shape(i: int, bbox, line: int | None = None, fills=(), geom=None, **kw) -> dict:
    r = {"id": i, "cls": "Rectangle", "role": "shape", "owner": i, "top": i, "chrome": False,
         "bbox": list(bbox), "opacity": 1.0, "z": i, "background": False, "container": False,
         "fills": [list(f) for f in fills], "geom": geom, "label": None,
         "line": line if line is not None else 10 + i}
    r.update(kw)
    return r


def data(*states, geometry=None, pixel_height=480, frames=None) -> dict:
    """Snapshots (one per state, 1 s apart) in the format sandbox.snapshot writes."""
    records, index, snaps = [], {}, []
    for k, elements in enumerate(states):
        items = []
        for e in elements:
            key = json.dumps(e, sort_keys=True)
            if key not in index:
                index[key] = len(records)
                records.append(e)
            items.append(index[key])
        snaps.append({"animation": k, "kind": "play", "animations": [], "time": float(k + 1),
                      "frame": (frames or {}).get(k, FRAME), "items": items})
    return {"version": 1, "quality": "l", "pixel_height": pixel_height, "frame_height": 8.0,
            "records": records, "geometry": geometry or {}, "snapshots": snaps}


def kinds(d: dict) -> list[tuple[str, int | None]]:
    return [(f.kind, f.source_line) for f in check_snapshots(d)[0]]


def test_text_overlap_found_at_the_later_created_text():
    a = text(1, (-1, -0.2, 1, 0.2), line=5)
    b = text(2, (-0.5, -0.3, 1.5, 0.1), line=9)
    assert kinds(data([a, b])) == [("overlap_text_text", 9)]
    # boxes that only touch, or barely overlap, are fine
    c = text(3, (1.0, -0.2, 2.0, 0.2))
    assert kinds(data([a, c])) == []


def test_own_parts_chrome_backgrounds_and_containers_are_ignored():
    # two texts of one composite (a Table's entries), overlapping
    a = text(1, (0, 0, 1, 0.4), owner=99)
    b = text(2, (0.2, 0, 1.2, 0.4), owner=99)
    # the LectureScene's own title and lines against each other
    c = text(3, (-6, 2, -3, 2.4), chrome=True)
    d = text(4, (-5, 2.1, -2, 2.5), chrome=True)
    # a frame around a text, a full-screen grid behind everything
    frame = shape(5, (-0.2, -0.2, 1.4, 0.6), geom="box", container=True, cls="SurroundingRectangle")
    plane = shape(6, (-7.1, -4, 7.1, 4), geom="cross", background=True, cls="NumberPlane")
    geometry = {"box": [-0.2, -0.2, 1.4, -0.2, 1.4, -0.2, 1.4, 0.6],
                "cross": [-7.1, 0.2, 7.1, 0.2, 0.5, -4, 0.5, 4]}
    assert kinds(data([plane, a, b, c, d, frame], geometry=geometry)) == []
    # ... but canvas content over the chrome is found
    e = text(7, (-4.5, 2.0, -2.5, 2.3), line=30)
    assert kinds(data([c, e])) == [("overlap_text_text", 30)]


def test_partial_out_of_frame_against_the_safe_margin():
    w = FRAME[2] / 2
    inside = text(1, (-3, -1, 3, 1))
    in_margin = text(2, (w - 2, 0, w - 0.1, 0.5), line=21)  # 0.1 from the edge: in the margin
    clipped = shape(3, (-w - 0.5, -1, -w + 1, 1), line=22, cls="Circle")  # partly off screen
    findings = check_snapshots(data([inside, in_margin, clipped]))[0]
    got = {(f.source_line, f.severity) for f in findings if f.kind == "out_of_frame"}
    assert got == {(21, "medium"), (22, "high")}
    # a full-screen background and a divider across the whole frame bleed on purpose
    plane = shape(4, (-w - 1, -5, w + 1, 5), background=True, cls="NumberPlane")
    rule = shape(5, (-w, 2.4, w, 2.4), cls="Line")
    assert kinds(data([plane, rule])) == []
    # the camera frame counts, not the default one: zoomed in, the same text is clipped
    zoomed = data([inside], frames={0: [0, 0, 4, 2.25]})
    assert [f.severity for f in check_snapshots(zoomed)[0]] == ["high"]


def test_text_too_small_at_the_output_resolution():
    small = text(1, (0, 0, 1, 0.2), font_size=12.0, line=7)
    assert kinds(data([small])) == [("text_too_small", 7)]
    # the same text is readable at 1080p: 12 x 0.013 x 135 px = 21 px
    assert kinds(data([small], pixel_height=1080)) == []
    # the threshold itself: MIN_TEXT_PX at 480p is reached at font size ~15.4
    ok = text(2, (0, 0, 1, 0.2), font_size=th.MIN_TEXT_PX / (th.GLYPH_UNITS_PER_POINT * 60) + 0.1)
    assert kinds(data([ok])) == []


def test_strokes_crossing_text_unless_hidden_behind_a_fill():
    word = text(5, (-1, -0.25, 1, 0.25), line=3)
    through = shape(1, (-4, 0, 4, 0), line=8, geom="h", cls="Line")
    touching = shape(2, (-4, 0.25, 4, 0.25), geom="top", cls="Line")  # runs along the box top
    geometry = {"h": [-4, 0, 4, 0], "top": [-4, 0.25, 4, 0.25]}
    assert kinds(data([word, through, touching], geometry=geometry)) == [("overlap_text_shape", 8)]
    # a label's own opaque background hides the line below it
    backed = dict(word, backed=True)
    assert kinds(data([through, backed], geometry=geometry)) == []
    # so does an opaque card drawn between the line (z 1) and the text (z 5)
    card = shape(3, (-1.2, -0.4, 1.2, 0.4), fills=[(-1.2, -0.4, 1.2, 0.4, 1.0, 3)])
    assert kinds(data([through, card, word], geometry=geometry)) == []


def test_opaque_fill_over_text_and_text_sticking_out_of_its_card():
    word = text(1, (-1, -0.25, 1, 0.25), line=4)
    over = shape(5, (-0.8, -0.6, 0.8, 0.6), line=9, fills=[(-0.8, -0.6, 0.8, 0.6, 1.0, 5)])
    (f,), _ = check_snapshots(data([word, over]))
    assert (f.kind, f.severity, f.source_line) == ("overlap_text_shape", "high", 9)
    # a card below the text that holds all of it is its background ...
    card = shape(0, (-1.5, -0.5, 1.5, 0.5), line=2, fills=[(-1.5, -0.5, 1.5, 0.5, 1.0, 0)])
    assert kinds(data([card, word])) == []
    # ... one too small for it is not; a light (highlight) fill over it is fine
    small = shape(0, (-0.5, -0.5, 0.5, 0.5), line=2, fills=[(-0.5, -0.5, 0.5, 0.5, 1.0, 0)])
    light = shape(6, (-2, -0.5, 2, 0.5), fills=[(-2, -0.5, 2, 0.5, 0.25, 6)])
    assert kinds(data([small, word, light])) == [("overlap_text_shape", 4)]


def test_crowding_counts_separate_texts_not_numbers_or_composite_parts():
    def row(n, **kw):
        return [text(i, (-6 + i % 6 * 2, i // 6 * 0.6, -5 + i % 6 * 2, i // 6 * 0.6 + 0.3), **kw)
                for i in range(n)]

    assert kinds(data(row(th.CROWDING_MAX_TEXTS))) == []
    assert [k for k, _ in kinds(data(row(th.CROWDING_MAX_TEXTS + 1)))] == ["crowding"]
    assert kinds(data(row(20, numeric=True))) == []
    assert kinds(data(row(20, owner=42))) == []


def test_label_far_only_for_labels_of_drawn_things():
    target = {"via": "next_to", "target": 9, "cls": "Dot", "text": "", "line": 3,
              "bbox": [-3, -0.1, -2.8, 0.1], "drawn": True}
    near = text(1, (-3.1, 0.3, -2.7, 0.6), label=target)
    far = text(2, (2, 0, 2.5, 0.3), line=12, label=target)
    assert kinds(data([near])) == []
    assert kinds(data([far])) == [("label_far", 12)]
    # next_to a text is layout, not labelling
    assert kinds(data([dict(far, label=dict(target, drawn=False, cls="Text"))])) == []


def test_a_persisting_problem_is_reported_once_with_its_first_time():
    a = text(1, (-1, -0.2, 1, 0.2))
    b = text(2, (-0.5, -0.3, 1.5, 0.1))
    c = text(3, (3, 2, 4, 2.3))
    (f,), _ = check_snapshots(data([a], [a, b], [a, b, c], [a, b, c], [c]))
    assert (f.kind, f.animation, f.time, f.last_time, f.snapshots) == ("overlap_text_text", 1, 2.0, 4.0, 3)


def test_checks_handle_a_busy_scene():
    """A scene busier than any example lesson (those take under 3 ms): 30 animations build up
    to 20 texts and 40 stroked or filled shapes (curves of 50 segments), then all of it moves 10
    times."""
    import random

    rnd = random.Random(4)
    geometry, pool = {}, []
    for i in range(20):
        x, y = -6 + (i % 5) * 2.6, -3 + (i // 5) * 1.6
        pool.append(text(i, (x, y, x + 1.5, y + 0.35)))
    for i in range(40):
        x, y = rnd.uniform(-6, 5), rnd.uniform(-3.5, 3)
        geometry[f"g{i}"] = [v for j in range(50) for v in (x + j * 0.02, y, x + j * 0.02 + 0.02, y + 0.01)]
        fills = [(x, y, x + 0.3, y + 0.3, 1.0, 100 + i)] if i % 3 == 0 else []
        pool.append(shape(100 + i, (x, y, x + 1, y + 0.3), geom=f"g{i}", fills=fills, cls="VMobject"))
    states = [pool[: 3 * (k + 1)] for k in range(20)]
    for k in range(1, 11):  # everything shifts: every record is new
        states.append([dict(e, bbox=[e["bbox"][0] + 0.02 * k, *e["bbox"][1:]]) for e in pool])
    d = data(*states, geometry=geometry)
    findings, ms = check_snapshots(d)
    # Their speed is measured in bench/bench_probe.py: timed tests fail on busy machines.
    assert ms > 0 and all(f.time >= 0 for f in findings)


def test_corpus_docstrings_match_their_planted_lines():
    bad = sorted((CORPUS / "bad").glob("*.py"))
    good = sorted((CORPUS / "good").glob("*.py"))
    assert len(bad) >= 20 and len(good) >= 20
    for p in bad:
        src = p.read_text()
        marks = [(m.group(1), n) for n, line in enumerate(src.splitlines(), 1) if (m := PLANTED.search(line))]
        assert marks and [(k, int(n)) for k, n in EXPECT.findall(src)] == marks, p.name
    for p in good:
        assert not EXPECT.search(p.read_text()) and "# planted" not in p.read_text(), p.name


# --- real scenes in the sandbox -----------------------------------------------------------------
def _compiled_lessons(folder: Path) -> list[tuple[str, int, Path]]:
    out = []
    for lesson in sorted(LESSONS.glob("*.md")):
        for section in read_lesson(lesson).sections:
            path = folder / f"{lesson.stem}_{section.id:02d}.py"
            path.write_text(compile_section(section), encoding="utf-8")
            out.append((lesson.stem, section.id, path))
    return out


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    """Every corpus scene and every compiled example-lesson scene, probed two at a time."""
    lessons = _compiled_lessons(tmp_path_factory.mktemp("lessons"))
    jobs = [("bad", p) for p in sorted((CORPUS / "bad").glob("*.py"))]
    jobs += [("good", p) for p in sorted((CORPUS / "good").glob("*.py"))]
    jobs += [("lesson", p) for _, _, p in lessons]
    assets = str(LESSONS / "assets")
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda j: probe_scene(j[1], assets_dir=assets), jobs))
    return {"jobs": jobs, "reports": reports, "lessons": lessons}


def _by_group(probed, group):
    return [(p, r) for (g, p), r in zip(probed["jobs"], probed["reports"], strict=True) if g == group]


@pytest.mark.render
def test_planted_problems_are_found_with_their_source_line(probed):
    missed = []
    for path, report in _by_group(probed, "bad"):
        assert report.ok, f"{path.name}: {report.summary()}"
        found = {(f.kind, f.source_line) for f in report.findings}
        for kind, line in EXPECT.findall(path.read_text()):
            if (kind, int(line)) not in found:
                missed.append(f"{path.name}: expected {kind} at line {line}, got {sorted(found, key=str)}")
    assert not missed, "\n".join(missed)


@pytest.mark.render
def test_no_false_alarm_on_correct_scenes(probed):
    """Includes groups, updaters, ValueTracker, always_redraw, a moving camera, Table, Code."""
    alarms = []
    for path, report in _by_group(probed, "good"):
        assert report.ok, f"{path.name}: {report.summary()}"
        assert report.snapshots > 0, path.name
        alarms += [f"{path.name}: {f.kind} line {f.source_line}: {f.message}" for f in report.findings]
    assert not alarms, "\n".join(alarms)


@pytest.mark.render
def test_compiled_example_lessons_have_no_findings(probed):
    """False alarms are bugs, and real findings here are scaffold bugs: strictly zero."""
    reports = dict(zip([p for _, p in probed["jobs"]], probed["reports"], strict=True))
    problems = []
    for stem, sid, path in probed["lessons"]:
        report = reports[path]
        assert report.ok, f"{stem} section {sid}: {report.summary()}"
        problems += [f"{stem} section {sid}: {f.kind} line {f.source_line}: {f.message}"
                     for f in report.findings]
    assert not problems, "\n".join(problems)


@pytest.mark.render
def test_probe_is_fast_and_writes_no_video(tmp_path):
    work = tmp_path / "work"
    report = probe_scene(CORPUS / "good" / "always_redraw_follow.py", keep_workdir=work)
    assert report.ok and report.findings == [] and report.snapshots == 4
    assert (work / "snapshots.json").exists()
    assert not list(work.rglob("*.mp4")), "the probe must not write video"
    # time advances by each animation's run time, as in the real render
    assert report.duration == pytest.approx(1 + 1 + 2 + 1)


@pytest.mark.render
def test_check_command_exit_codes_and_json(tmp_path, capsys):
    assert cli_main(["check", str(CORPUS / "bad" / "tiny_text.py"), "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert [(f["kind"], f["source_line"]) for f in out["findings"]] == [("text_too_small", 13)]
    broken = tmp_path / "broken.py"
    broken.write_text("from manim import Scene, Text, Write\n\n\nclass Broken(Scene):\n"
                      "    def construct(self):\n        self.play(Write(Text('a')))\n"
                      "        self.play(Write(Undefined()))\n")
    assert cli_main(["check", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "failed to run at line 7" in err and "NameError" in err


# --- motion: states in the middle of an animation (critic.motion) ------------------------------
def motion_data(start, samples, end, groups=(), transient=(), animated=None, line=40):
    """One play (animation 0) at `line`: its start state, (alpha, state) samples, its end state."""
    d = data(end)
    index = {json.dumps(r, sort_keys=True): i for i, r in enumerate(d["records"])}

    def items(state):
        out = []
        for e in state:
            key = json.dumps(e, sort_keys=True)
            if key not in index:
                index[key] = len(d["records"])
                d["records"].append(e)
            out.append(index[key])
        return out

    d["snapshots"][0]["line"] = line
    tops = {e["top"] for s in [start, end, *[s for _, s in samples]] for e in s}
    d["plays"] = [{"animation": 0, "line": line, "start": 0.0, "duration": 1.0,
                   "groups": [list(g) for g in groups], "transient": list(transient),
                   "animated": sorted(tops if animated is None else animated)}]
    d["midstates"] = [{"animation": 0, "alpha": a, "time": a, "frame": FRAME, "items": items(s)}
                      for a, s in [(0.0, start), *samples]]
    return d


def test_a_swap_on_straight_paths_collides_in_motion_only():
    a0, b0 = text(1, (-3, 0, -2, 0.5)), text(2, (2, 0, 3, 0.5))
    a_mid, b_mid = dict(a0, bbox=[-0.5, 0, 0.5, 0.5]), dict(b0, bbox=[-0.4, 0, 0.6, 0.5])
    a1, b1 = dict(a0, bbox=b0["bbox"]), dict(b0, bbox=a0["bbox"])
    d = motion_data([a0, b0], [(0.5, [a_mid, b_mid])], [a1, b1], groups=[(1, 0), (2, 1)])
    (f,) = check_snapshots(d)[0]
    assert (f.kind, f.source_line, f.time) == ("motion_overlap", 40, 0.5)
    # one animation's own mobjects (a transform's source and target) are meant to meet
    same = motion_data([a0, b0], [(0.5, [a_mid, b_mid])], [a1, b1], groups=[(1, 0), (2, 0)])
    assert kinds(same) == []
    # what appears or disappears in place (a cross-fade) is not motion
    assert kinds(motion_data([a0, b0], [(0.5, [a_mid, b_mid])], [a1, b1], transient=[1, 2])) == []
    # an overlap still there at the end is the ordinary probe's finding, not a motion one
    stays = motion_data([a0, b0], [(0.5, [a_mid, b_mid])], [a_mid, b_mid], groups=[(1, 0), (2, 1)])
    assert [k for k, _ in kinds(stays)] == ["overlap_text_text"]


def test_moving_shapes_collide_but_a_label_may_ride_over_lines():
    w = FRAME[2] / 2
    c1 = shape(1, (-3, -0.5, -2, 0.5), cls="Circle")
    c2 = shape(2, (2, -0.5, 3, 0.5), cls="Circle")
    mid1, mid2 = dict(c1, bbox=[-0.6, -0.5, 0.4, 0.5]), dict(c2, bbox=[-0.4, -0.5, 0.6, 0.5])
    d = motion_data([c1, c2], [(0.5, [mid1, mid2])], [dict(c1, bbox=c2["bbox"]), dict(c2, bbox=c1["bbox"])])
    assert kinds(d) == [("motion_overlap", 40)]
    # a moving label crossing a static curve: how labels riding a point move
    curve = shape(3, (-w + 1, -0.1, w - 1, 0.1), geom="c", cls="ParametricFunction")
    lab0, lab1 = text(4, (-4, 1, -3, 1.4)), text(4, (3, 1, 4, 1.4))
    d = motion_data([curve, lab0], [(0.5, [curve, dict(lab0, bbox=[-0.5, -0.2, 0.5, 0.2])])],
                    [curve, lab1], animated=[4])
    d["geometry"] = {"c": [-w + 1, 0, w - 1, 0]}
    assert kinds(d) == []


def test_a_rotation_that_sweeps_out_of_frame_only_midway():
    h = FRAME[3] / 2
    v0 = shape(1, (0, -0.05, 5, 0.05), cls="Arrow")
    up = dict(v0, bbox=[-0.05, 0, 0.05, h + 1.0])
    v1 = dict(v0, bbox=[-5, -0.05, 0, 0.05])
    (f,) = check_snapshots(motion_data([v0], [(0.5, [up])], [v1]))[0]
    assert (f.kind, f.source_line, f.severity) == ("motion_out_of_frame", 40, "high")
    # an entrance from outside the frame is meant: it starts out there
    outside = dict(v0, bbox=[-12, -0.05, -7.5, 0.05])
    passing = dict(v0, bbox=[-8, -0.05, -3, 0.05])
    assert kinds(motion_data([outside], [(0.5, [passing])], [v0])) == []
    # a part merely entering the safe margin in passing is not reported
    near = dict(v0, bbox=[-0.05, 0, 0.05, h - 0.1])
    assert kinds(motion_data([v0], [(0.5, [near])], [v1])) == []


def test_sample_points_follow_rate_extremes_and_rotations():
    from code2video_jupyter.sandbox.midstate import sample_alphas

    class Anim:
        def __init__(self, rate, path_arc=0.0, run_time=1.0):
            self.rate_func, self.path_arc, self.run_time = rate, path_arc, run_time

    def overshoot(t):  # past 1 near the end, peaking at t = 0.86
        return t + 2 * t * t * (1 - t)

    assert sample_alphas([Anim(lambda t: t)], 1.0) == list(th.MOTION_ALPHAS)
    alphas = sample_alphas([Anim(lambda t: t * (1 - t) * 4)], 2.0)  # there and back: 0.5
    assert alphas == list(th.MOTION_ALPHAS)
    assert [a for a in sample_alphas([Anim(overshoot)], 1.0) if a not in th.MOTION_ALPHAS] == [0.85]
    # a full turn: a state at least every 45 degrees
    turn = sample_alphas([Anim(lambda t: t, path_arc=2 * math.pi)], 1.0)
    assert len(turn) >= 7 and max(b - a for a, b in zip([0, *turn], [*turn, 1], strict=True)) <= 0.126
    assert len(sample_alphas([Anim(lambda t: t, path_arc=40 * math.pi)], 1.0)) <= th.MOTION_MAX_SAMPLES


# --- density as a viewer reads it (critic.density) ---------------------------------------------
def test_a_wall_of_text_is_seconds_of_reading_not_a_count():
    def lines(n, glyphs, gap=0.4, **kw):
        return [text(i, (-3, 3 - i * (0.4 + gap), 3, 3.4 - i * (0.4 + gap)), glyphs=glyphs, **kw)
                for i in range(n)]

    # ten equations of 14 glyphs: about 21 s of reading, under the old count of 12 texts
    tex = {"glyph_units": th.TEX_GLYPH_UNITS_PER_POINT}
    walls = [f for f in check_snapshots(data(lines(10, 14, **tex)))[0] if f.kind == "text_wall"]
    assert len(walls) == 1 and walls[0].value > 1
    # five short bullets read in 4 s; a table of 40 entries is looked up, not read through
    # (one snapshot of 1 s: too short to read, which is the reading rule's business)
    assert "text_wall" not in dict(kinds(data(lines(5, 20))))
    table = [text(i, (-4 + i % 8, 2 - i // 8, -3.4 + i % 8, 2.4 - i // 8), glyphs=4, owner=7) for i in range(40)]
    assert "text_wall" not in dict(kinds(data(table)))
    assert "text_wall" in dict(kinds(data([dict(t, owner=None) for t in table])))


def test_lines_stacked_with_no_room_between_are_cramped():
    # font 30 x 0.013 = 0.39 units of glyph height; gaps of 0.03 (0.08 of it) and 0.4
    tight = [text(i, (-3, -i * 0.42, 3, 0.39 - i * 0.42), glyphs=20, line=9) for i in range(4)]
    assert ("lines_cramped", 9) in kinds(data(tight))
    spaced = [text(i, (-3, -i * 0.79, 3, 0.39 - i * 0.79), glyphs=20) for i in range(4)]
    assert "lines_cramped" not in dict(kinds(data(spaced)))


def test_text_that_leaves_before_it_can_be_read():
    long = text(1, (-3, 0, 3, 0.4), glyphs=45, line=12)  # 3.3 s to read
    gone = text(2, (-3, -2, 3, -1.6), glyphs=3)
    d = data([long], [gone], [gone], [gone])  # shown 1 s, then replaced
    (f,) = [f for f in check_snapshots(d)[0] if f.kind == "reading_too_fast"]
    assert f.source_line == 12 and f.value > th.READ_MIN_SHORTFALL
    # held long enough it is fine; numbers are looked up, not read
    assert kinds(data([long], [long], [long], [long], [gone])) == []
    assert kinds(data([dict(long, numeric=True)], [gone], [gone], [gone])) == []


# --- deterministic fixes, checked by the probe --------------------------------------------------
def test_path_arc_and_spacing_patches():
    from code2video_jupyter.critic.motion_fixes import PathArcFix, SpacingFix, apply_motion_fix

    src = "class S:\n    def construct(self):\n        self.play(a.animate.move_to(q),\n                  b.animate.move_to(p))\n"
    once, _ = apply_motion_fix(src, PathArcFix(line=3))
    assert "path_arc=1.571" in once
    twice, _ = apply_motion_fix(once, PathArcFix(line=3))
    assert "path_arc=3.1416" in twice and apply_motion_fix(twice, PathArcFix(line=3)) is None
    # an author's own path is left alone
    assert apply_motion_fix(src.replace("move_to(p))", "move_to(p), path_arc=2)"), PathArcFix(line=3)) is None
    src = "g = VGroup(*items)\ng.arrange(DOWN, buff=0.03)\n"
    fixed, _ = apply_motion_fix(src, SpacingFix(line=1))
    assert "buff=0.25" in fixed and fixed.count("\n") == src.count("\n")


@pytest.mark.render
def test_fixes_remove_what_the_probe_found(tmp_path):
    from code2video_jupyter.critic.layout_fixes import fixes_from_findings, score
    from code2video_jupyter.critic.patches import apply_patch

    for name, rounds in (("motion_swap_boxes", 1), ("motion_swap_array", 2), ("density_cramped", 1)):
        source = (CORPUS / "bad" / f"{name}.py").read_text()
        scene = tmp_path / f"{name}.py"
        scene.write_text(source)
        first = before = probe_scene(scene)
        for _ in range(rounds):
            fixes = [f for f in fixes_from_findings(before, [], {}) if f.kind != "edit"]
            assert fixes, name
            source, _ = apply_patch(source, fixes[0])
            scene.write_text(source)
            after = probe_scene(scene)
            assert after.ok and score(after) <= score(before), name  # never worse: kept
            before = after
        assert score(first) > 0 and before.findings == [], (name, before.findings)
