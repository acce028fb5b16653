"""`code2video fix` on any manim file: deterministic repairs verified by a real render, and a
model fix scoped to the failing line (scripted provider)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from code2video_jupyter.cli.main import main as cli
from code2video_jupyter.gateway.scripted import SCRIPTED
from code2video_jupyter.narration import line_audio, parse_srt, resolve_voice
from code2video_jupyter.narration.mux import read_track
from code2video_jupyter.video import probe

from .corpus import CORPUS

SCRIPTS = Path(__file__).parent / "scripts"
pytestmark = [pytest.mark.render, pytest.mark.usefixtures("fresh_model")]


def test_a_removed_api_is_fixed_and_rendered_without_a_model(tmp_path, capsys):
    scene = tmp_path / "scene.py"
    shutil.copy(CORPUS / "broken/renamed_api_05_fadeinfrom.py", scene)
    before = scene.read_text()
    assert cli(["fix", str(scene), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["model_calls"] == 0 and SCRIPTED.answered == []
    assert [i["kind"] for i in report["gate_before"]] == ["unknown_name"]
    assert scene.read_text() == before  # the input is never changed
    fixed = (tmp_path / "scene.fixed.py").read_text()
    assert "FadeIn(label, shift=LEFT)" in fixed
    assert probe(report["rendered"]).duration > 0


def test_an_output_in_a_folder_not_made_yet_is_written_there(tmp_path, capsys):
    scene = tmp_path / "scene.py"
    shutil.copy(CORPUS / "broken/renamed_api_05_fadeinfrom.py", scene)
    out = tmp_path / "results" / "fixed" / "scene.py"
    assert cli(["fix", str(scene), "--no-llm", "--no-render", "-o", str(out)]) == 0
    assert "FadeIn(label, shift=LEFT)" in out.read_text()


def test_a_long_sentence_in_the_scene_is_not_taken_for_a_file(tmp_path, capsys):
    # fix looks for the files a scene's strings name; a sentence past 255 bytes with ".png"
    # added made stat() raise "File name too long" and ended fix before any repair
    sentence = "Reynolds transport theorem \u2014\u2014 " * 8  # 240 characters, 272 bytes
    scene = tmp_path / "scene.py"
    scene.write_text("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
                     f"        t = Text('{sentence}', font_size=12)\n        self.add(t.scal(0.5))\n")
    assert cli(["fix", str(scene), "--no-llm", "--no-render"]) == 0
    assert "self.add(t.scale(0.5))" in (tmp_path / "scene.fixed.py").read_text()


def test_a_file_the_scene_names_and_nobody_gave_is_asked_for_not_a_model(tmp_path, capsys):
    # an absolute path from the machine the scene was written on: no fix of the code (nor a
    # model) brings the file, so fix says which file it needs and how to go on
    scene = tmp_path / "scene.py"
    scene.write_text("from manim import *\n\nclass S(Scene):\n    def construct(self):\n"
                     "        self.add(SVGMobject('/home/someone/assets/icon/coin.svg'))\n")
    assert cli(["fix", str(scene), "--no-llm", "--no-render"]) == 3
    err = " ".join(capsys.readouterr().err.split())
    assert "first error: missing file" in err and "needs a model" not in err
    assert "needs a file that is not here: /home/someone/assets/icon/coin.svg" in err
    assert "--allow-removals" in err and not (tmp_path / "scene.fixed.py").exists()


def test_a_module_of_the_users_own_that_is_not_here_is_asked_for(tmp_path, capsys):
    # generated scenes star-import the app's settings from a folder they add to sys.path; when
    # that folder is not given, the names they use from it are not a model's to invent
    scenes, shared = tmp_path / "sections" / "2.1", tmp_path / "shared"
    scenes.mkdir(parents=True)
    scene = scenes / "scene_3.py"
    scene.write_text("from manim import *\nimport sys, os\n"
                     "sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))\n"
                     "from config import *\n\nclass Scene3(Scene):\n    def construct(self):\n"
                     "        self.add(Text('Phase 1', font=DEFAULT_FONT, color=ACCENT))\n")
    assert cli(["fix", str(scene), "--no-llm", "--no-render", "--json"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["error_class"] == "missing_module" and report["missing_modules"] == ["config"]
    assert report["fixed_file"] is None  # DEFAULT_FONT is not taken for DEFAULT_FONT_SIZE
    assert any("'DEFAULT_FONT' is not defined" in left and "perhaps it comes from 'config' "
               "(`from config import *`, line 4), which is not here" in left for left in report["left"])
    assert cli(["fix", str(scene), "--no-llm", "--no-render"]) == 3
    err = " ".join(capsys.readouterr().err.split())
    assert "imports module(s) that are not here: config" in err and "needs a model" not in err

    shared.mkdir()  # with the folder it names, the module is found and sent with the scene
    (shared / "config.py").write_text("DEFAULT_FONT = 'DejaVu Sans'\nACCENT = '#FFB000'\n")
    assert cli(["fix", str(scene), "--no-llm", "--no-render", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ran_before"] and report["modules"] == ["config.py"]


def test_a_runtime_error_needs_the_model_and_gets_one_scoped_call(tmp_path, capsys):
    scene = tmp_path / "scene.py"
    shutil.copy(CORPUS / "broken/index_error_01_mathtex_single_string.py", scene)
    assert cli(["fix", str(scene), "--json", "--no-llm"]) == 3
    assert json.loads(capsys.readouterr().out)["error"].startswith("IndexError")
    code = cli(["fix", str(scene), "--json", "--model", f"scripted/{SCRIPTS / 'fix_command.yaml'}"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["ok"] and report["model_calls"] == 1
    assert [a["stage"] for a in SCRIPTED.answered] == ["fix-line"]
    assert "formula[0][-1]" in (tmp_path / "scene.fixed.py").read_text()


def test_an_error_only_drawing_shows_passes_the_check_and_fails_the_render(tmp_path, capsys):
    # check runs draw nothing (they skip manim's Cairo painting): the render that ends every
    # repair is what catches a mobject that cannot be drawn, and fix says so
    scene = tmp_path / "scene.py"
    scene.write_text(
        "from manim import *\n\n\n"
        "class Ink(Square):\n"
        "    def get_subpath_split_indices_from_points(self, *args, **kwargs):\n"
        "        raise RuntimeError('this square cannot be painted')\n\n\n"
        "class Drawn(Scene):\n"
        "    def construct(self):\n"
        "        self.add(Ink())\n"
        "        self.wait(0.2)\n")
    assert cli(["fix", str(scene), "--json", "--no-llm"]) == 3
    report = json.loads(capsys.readouterr().out)
    runs = [e["run"] for e in report["history"] if e.get("run")]
    assert runs[0] == "ok" and "cannot be painted" in runs[-1], runs
    assert report["ran_before"] and "cannot be painted" in report["error"]
    assert report["runs_to_end"] and not report["ok"]


def test_a_render_past_the_time_limit_is_told_apart_from_code_that_fails(tmp_path, capsys):
    # construct() runs in seconds with the animations skipped; drawing its 1800 frames of
    # 150 redrawn dots takes far past the limit: the fix is kept and fix says what failed
    scene = tmp_path / "scene.py"
    scene.write_text(
        "from manim import *\n\n\n"
        "class Heavy(Scene):\n"
        "    def construct(self):\n"
        "        t = ValueTracker(0)\n"
        "        self.add(always_redraw(lambda: VGroup(*[Dot(RIGHT * (i % 10) + UP * (i // 10) * 0.3"
        " + LEFT * t.get_value()) for i in range(150)])))\n"
        "        self.play(t.animate.set_value(3), run_time=120)\n"
        "        self.add(Dot(np.array([1, 2])))\n")
    assert cli(["fix", str(scene), "--json", "--no-llm", "--timeout", "15"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["runs_to_end"] and not report["ok"] and report["error"].startswith("Timeout")
    assert "Dot(np.array([1, 2, 0]))" in Path(report["fixed_file"]).read_text()
    assert cli(["fix", str(scene), "--no-llm", "--timeout", "15"]) == 3
    told = capsys.readouterr().err
    assert "it runs, not rendered" in told and "--timeout" in told and "needs a model" not in told


VOICEOVER_SCENE = '''from manim import *
from manim_voiceover import VoiceoverScene
from manim_voiceover.services.gtts import GTTSService


class Narrated(VoiceoverScene, MovingCameraScene):
    def construct(self):
        self.set_speech_service(GTTSService(lang="en"))
        dot = Dot()
        with self.voiceover(text="A dot appears <bookmark mark='A'/> and then it moves right.") as tracker:
            self.play(FadeIn(dot), run_time=tracker.time_until_bookmark("A"))
            self.play(dot.animate.shift(RIGHT), run_time=tracker.get_remaining_duration() / 2)
        with self.voiceover(text="Done.") as tracker:
            self.play(self.camera.frame.animate.scale(1.2), run_time=tracker.duration / 2)
'''


def test_a_voiceover_scene_runs_offline_with_its_narration_timed(tmp_path, capsys):
    """A program written for manim-voiceover (refused by the sandbox: the plugin calls a voice
    over the network) runs on its stand-in. Silent: each voiceover lasts as long as its text
    takes to say at a steady rate, the scene waits out the rest, and the narration comes out
    as timed subcaptions."""
    scene = tmp_path / "scene.py"
    scene.write_text(VOICEOVER_SCENE)
    assert cli(["fix", str(scene), "--json", "--no-llm", "--no-narration"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["model_calls"] == 0 and report["narration"] is None
    assert [i["kind"] for i in report["gate_before"]][:2] == ["policy", "policy"]
    fixed = (tmp_path / "scene.fixed.py").read_text()
    assert "from code2video_jupyter.scaffold.voiceover import SpeechService as GTTSService" in fixed
    assert "with self.voiceover(text=" in fixed  # the scene's own code is left as it was
    # 8 words at 0.4 s, then "Done." (the shortest voiceover, 1 s); manim rounds each
    # animation to whole frames
    info = probe(report["rendered"])
    assert info.duration == pytest.approx(4.2, abs=0.2) and info.n_audio_streams == 0
    cues = parse_srt(Path(report["subcaptions"]).read_text())
    assert [c.text for c in cues] == ["A dot appears and then it moves right.", "Done."]
    assert [c.end - c.start for c in cues] == [pytest.approx(3.2), pytest.approx(1.0)]
    assert cues[1].start == pytest.approx(cues[0].end, abs=0.1)  # it waited out the first


def test_a_voiceover_scene_is_spoken_by_the_installed_voice_audio_first(tmp_path, capsys):
    """With a voice installed (Piper's, offline), each voiceover is spoken before the render and
    lasts as long as its speech; the speech is laid under the video where it begins."""
    scene = tmp_path / "scene.py"
    scene.write_text(VOICEOVER_SCENE)
    assert cli(["fix", str(scene), "--json", "--no-llm"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["narration"].startswith("2 voiceover(s) spoken by ")
    voice = resolve_voice(None)
    said = [line_audio(voice, t).seconds for t in ("A dot appears and then it moves right.", "Done.")]
    cues = parse_srt(Path(report["subcaptions"]).read_text())
    assert [c.end - c.start for c in cues] == [pytest.approx(s, abs=0.002) for s in said]
    info = probe(report["rendered"])
    assert info.n_audio_streams == 1 and info.duration == pytest.approx(sum(said), abs=0.2)
    track, rate, _ = read_track(report["rendered"])
    first = track[round(cues[0].start * rate):round(cues[0].end * rate)]
    assert np.sqrt(np.mean(first ** 2)) > 0.01  # speech, not silence
