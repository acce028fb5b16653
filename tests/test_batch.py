"""Batch generation: topics files, stable folder names, a local process pool and a Dask cluster
started here on loopback, each with a task that fails once and is retried; a second batch
submits nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from code2video_jupyter.evaluation.batch import (
    FAULTS_ENV,
    BatchProgress,
    TopicSpec,
    read_generation,
    read_topics,
    run_batch,
)
from code2video_jupyter.evaluation.mmmc import topic_key
from code2video_jupyter.gateway.scripted import SCRIPTED
from code2video_jupyter.options import RunOptions

from .conftest import require_module

TOPICS = ["Why the sky is blue", "The area of a circle"]
pytestmark = pytest.mark.usefixtures("fresh_model")


def options() -> dict:
    opts = {"model": "scripted/demo", "quality": "l"}
    opts.update({k: False for k in ("narration", "critic") if k in RunOptions.model_fields})
    return opts


def fail_once(tmp_path: Path, monkeypatch, key: str) -> Path:
    faults = tmp_path / "faults.json"
    faults.write_text(json.dumps({key: 1}))
    monkeypatch.setenv(FAULTS_ENV, str(faults))
    return faults


def test_topics_files_and_stable_keys(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(
        ["Why the sky is blue", {"topic": "Tides", "options": {"sections": 2}}, "Why the sky is blue"]))
    specs = read_topics(tmp_path / "a.json")
    assert [s.topic for s in specs] == ["Why the sky is blue", "Tides"]  # duplicates once
    assert specs[1].options == {"sections": 2}
    assert specs[0].key == topic_key("Why the sky is blue") == TopicSpec(topic=" Why the sky is blue ").key
    (tmp_path / "b.json").write_text(json.dumps({"Tides": [], "Why the sky is blue": []}))
    assert [s.key for s in read_topics(tmp_path / "b.json")] == [specs[1].key, specs[0].key]
    (tmp_path / "c.json").write_text(json.dumps([{"topic": "Tides", "options": {"colour": "red"}}]))
    with pytest.raises(ValueError, match="unknown options: colour"):
        read_topics(tmp_path / "c.json")


def check_batch(out: Path, report, lines: list[BatchProgress], retried: str) -> None:
    assert report.failed == [] and report.submitted == 3  # two topics, one retry
    for topic in TOPICS:
        key = topic_key(topic)
        gen = read_generation(out, key)
        assert gen.status == "done" and gen.attempts == (2 if key == retried else 1)
        assert (out / "topics" / key / "run" / "final.mp4").exists()
        events = [json.loads(x) for x in (out / "topics" / key / "events.jsonl").read_text().splitlines()]
        assert any(e["type"] == "done" for e in events) and all("t" in e for e in events)
    assert [p.key for p in lines if p.event == "retry"] == [retried]
    assert lines[-1].done == 2 and lines[-1].failed == 0 and lines[-1].retries == 1


@pytest.mark.render
def test_local_process_pool_retries_a_failed_task(tmp_path, monkeypatch):
    retried = topic_key(TOPICS[1])
    fail_once(tmp_path, monkeypatch, retried)
    specs = [TopicSpec(topic=t) for t in TOPICS]
    lines: list[BatchProgress] = []
    out = tmp_path / "batch"
    report = run_batch(specs, out, options=options(), executor="local", jobs=2, retries=1,
                       on_progress=lines.append)
    check_batch(out, report, lines, retried)
    assert len({read_generation(out, s.key).worker for s in specs}) >= 1

    # A second batch, the topics the other way round: nothing is submitted.
    again = run_batch(list(reversed(specs)), out, options=options(), executor="local", jobs=2)
    assert again.submitted == 0 and set(again.results) == {s.key for s in specs}


@pytest.mark.render
def test_dask_cluster_on_loopback_retries_a_failed_task(tmp_path, monkeypatch):
    distributed = require_module("distributed", "pip install -e '.[dev]' or '.[cluster]'")
    retried = topic_key(TOPICS[0])
    fail_once(tmp_path, monkeypatch, retried)
    # started after the environment is set, so that its worker processes inherit it
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        lines: list[BatchProgress] = []
        out = tmp_path / "batch"
        report = run_batch([TopicSpec(topic=t) for t in TOPICS], out, options=options(),
                           executor="dask", jobs=2, retries=2, scheduler=cluster.scheduler_address,
                           on_progress=lines.append)
        check_batch(out, report, lines, retried)
        workers = {read_generation(out, topic_key(t)).worker for t in TOPICS}
        assert all(w.split(":")[1].isdigit() for w in workers)


@pytest.mark.render
def test_batch_command_runs_inline_with_one_job(tmp_path, monkeypatch):
    from code2video_jupyter.cli.main import main as cli

    topics = tmp_path / "topics.json"
    topics.write_text(json.dumps([TOPICS[0]]))
    out = tmp_path / "b"
    flags = [f"--no-{k}" for k in ("narration", "critic") if k in RunOptions.model_fields]
    assert cli(["batch", str(topics), "--out", str(out), "--model", "scripted/demo", "--jobs", "1",
                *flags]) == 0
    # in this process (one job): the provider here answered the calls
    assert SCRIPTED.count(role="planner") == 2
    key = topic_key(TOPICS[0])
    assert read_generation(out, key).status == "done"
    assert json.loads((out / "batch.json").read_text())["topics"][0]["key"] == key
    SCRIPTED.reset()
    assert cli(["batch", str(topics), "--out", str(out), "--model", "scripted/demo", *flags]) == 0
    assert SCRIPTED.answered == []
