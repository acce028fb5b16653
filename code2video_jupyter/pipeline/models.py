"""The run's gateway: models from the options (or the environment, or the config file),
every call recorded in the run folder and reported as an event."""

from __future__ import annotations

from ..events import ModelCall
from ..gateway import CallRecord, Gateway, resolve_models
from ..gateway.keys import load_dotenv
from ..gateway.replay import load_replay
from .context import RunContext


def make_gateway(ctx: RunContext) -> Gateway:
    load_dotenv()
    o = ctx.options

    def sink(record: CallRecord, full: dict) -> int:
        number = ctx.store.append_call(record, full)
        ctx.emit(ModelCall(role=record.role, stage=record.stage, section=record.section,
                           model=record.model, prompt_tokens=record.prompt_tokens,
                           completion_tokens=record.completion_tokens, cost=record.cost,
                           latency=record.latency, cache_hit=record.cache_hit,
                           outcome=record.outcome))
        return number

    replay = None
    if o.replay:
        replay = load_replay(ctx.store.root)
        if not replay:
            raise ValueError(f"--replay: {ctx.store.root} has no recorded model calls to replay")
    return Gateway(resolve_models(o), sink=sink, cancel=ctx.cancel, timeout=o.llm_timeout,
                   max_calls=o.max_calls, max_cost=o.max_cost, replay=replay)


def wants_agents(options) -> bool:
    """A bare topic needs the agents; a lesson outline uses the Coder only when a model is
    asked for on this run (--model / --coder-model), not because one is set in the
    environment: the offline default stays offline."""
    if options.topic and options.lesson is None:
        return True
    return bool(options.model or options.coder_model)
