"""Deterministic cures for errors a run reveals, by class of error, with no model call. Each
returns candidate sources, most specific first; the repair loop tries them in order, runs the
program again after each, and rolls a cure back when the same error comes back."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from .. import pyparse
from .cures.animate import MethodToAnimate, PlayedResultToAnimate
from .cures.argument_kinds import colour_as_direction_cure, spread_point_cure
from .cures.arguments import (
    angle_points_cure,
    called_rate_function_cure,
    called_unit_cure,
    getter_prefix_cure,
    grow_arrow_cure,
    path_point_cure,
    plane_point_cure,
    positional_colour_cure,
    renamed_method_cure,
    singular_accessor_cure,
    solid_path_cure,
    spread_coordinates_cure,
    style_dict_key_cure,
    unpack_cure,
)
from .cures.brackets import bracket_cure
from .cures.camera3d import camera3d_cure
from .cures.camera_attrs import bare_camera_cure, camera_attribute_cure
from .cures.edit import Cure, parse, rewrite, rewrite_everywhere
from .cures.failed_imports import annotation_name_cure, unbound_import_cure
from .cures.false_for_none import false_for_none_cure
from .cures.fstrings import fstring_brace_cure
from .cures.gl_parts import changeable_number_cure, tex_index_cure, text_index_cure
from .cures.graph_arguments import graph_argument_cure
from .cures.groups import CreateToFadeIn, grid_cure, vgroup_to_group
from .cures.half_edits import half_edit_cure
from .cures.imports import import_cure
from .cures.interactive import interactive_shell_cure
from .cures.issues import attribute_cure, duplicate_kwarg_cure, kwarg_cure, module_attribute_cure
from .cures.latex import fix_latex, latex_cures
from .cures.made_up import made_up_cure
from .cures.matrices import matrix_values_cure, planar_matrix_cure
from .cures.mobject_lists import mobject_list_cure
from .cures.mobject_points import mobject_point_cure
from .cures.morph import morph_cure
from .cures.named_after import named_after_cure
from .cures.nested_animations import nested_animation_cure
from .cures.nested_class import nested_class_cure
from .cures.passed_kwargs import passed_kwargs_cure
from .cures.paths import local_path_cure, windows_path_cure
from .cures.played_scene_calls import played_scene_call_cure
from .cures.points import (
    computed_point_cure,
    is_point_error,
    point_cure,
    random_pair_cure,
    sliced_point_cure,
    surface_cure,
)
from .cures.read_only import read_only_attribute_cure
from .cures.scene_base import scene_base_cure
from .cures.scene_mobjects import drawn_mobjects_cure
from .cures.sequences import (
    array_args_cure,
    is_sequence_error,
    parameter_vector_cure,
    sequence_cure,
)
from .cures.setters import made_up_setter_cure, sized_setter_cure
from .cures.spread_animation import spread_animation_cure
from .cures.strings import multiline_string_cure
from .cures.surface_points import surface_point_cure
from .cures.targets import explicit_target_cure, move_to_target_cure
from .cures.tex_parts import tex_parts_cure
from .cures.text_values import text_value_cure
from .cures.timing import empty_play_cure, no_time_cure
from .cures.truncation import truncation_cure
from .cures.uncalled_getters import uncalled_getter_cure
from .cures.unused_classes import unused_class_cure
from .cures.updaters import (
    all_updaters_cure,
    invented_updater_cure,
    mobject_updater_cure,
    redraw_parameter_cure,
    scene_updater_cure,
    swapped_updater_cure,
    transform_to_function_cure,
)
from .cures.vector_methods import vector_method_cure
from .cures.vertex_lists import vertex_list_cure
from .namespace import Namespace, load_namespace
from .static_fixes import Fix

__all__ = ["Cure", "fix_latex", "runtime_fix", "runtime_fixes"]

log = logging.getLogger(__name__)


def runtime_fixes(source: str, error_type: str, message: str, line: int | None,
                  ns: Namespace | None = None, scene_class: str | None = None,
                  elsewhere: Mapping[str, str] | None = None) -> list[Cure]:
    """The known cures for this error, in the order to try them (empty when none applies);
    ``scene_class`` is the scene rendered, when known; ``elsewhere``, the paths of another
    machine it names whose files are in its project (data_files.DataFiles.elsewhere)."""
    if error_type == "SyntaxError":
        # a bracket closed where the next statement starts, before cutting the file there
        cures = [_try(fstring_brace_cure, source, message, line), _try(half_edit_cure, source, message, line),
                 _try(bracket_cure, source, message, line),
                 _try(multiline_string_cure, source, message, line), _try(truncation_cure, source, message, line, ns)]
        return [c for c in cures if c is not None]
    tree = parse(source)
    if tree is None or line is None:
        return []
    ns = ns or load_namespace()
    out: list[Cure | None] = []
    if "can be added as submobjects of VGroup" in message or (
            "VMobject" in message and "VGroup" in message):
        out.append(_try(vgroup_to_group, source, tree, line, message))
    if "latex" in message.lower() or "dvi" in message.lower():
        out += _try(latex_cures, source, message, line) or []
    # a list given as mobjects, before any cure that would change the animation it was given to
    out.append(_try(mobject_list_cure, source, message, line, ns))
    if "Too few rows and columns" in message:
        out.append(_try(grid_cure, source, tree, line))
    # an animation given to Create is played as it is, before Create becomes FadeIn
    out.append(_try(nested_animation_cure, source, message, line, ns))
    if "only works for VMobjects" in message:
        out.append(_try(rewrite, source, tree, line, CreateToFadeIn()))
    if "Passing Mobject methods to Scene.play is no longer supported" in message:
        out.append(_try(rewrite, source, tree, line, MethodToAnimate(ns)))
    if "passed to Scene.play()" in message and "Unexpected argument None" not in message:
        out.append(_try(rewrite_everywhere, source, tree, lambda: PlayedResultToAnimate(ns)))
    if error_type == "AssertionError":
        out.append(_try(interactive_shell_cure, source, line))
    if "get_point_mobject not implemented" in message:
        out.append(_try(drawn_mobjects_cure, source, message, line))
    if error_type in ("OSError", "FileNotFoundError"):
        out.append(_try(local_path_cure, source, message, elsewhere or {}))
        out.append(_try(windows_path_cure, source, message))
    if error_type in ("ImportError", "ModuleNotFoundError"):
        out.append(_try(import_cure, source, message, ns))
    if error_type == "NameError":
        out.append(_try(annotation_name_cure, source, message, line))
        out.append(_try(unbound_import_cure, source, message))
        out.append(_try(invented_updater_cure, source, message, line))
        out.append(_try(unused_class_cure, source, message, line, scene_class))
        out.append(_try(made_up_cure, source, message))
        out.append(_try(named_after_cure, source, message, ns))
    if error_type == "AttributeError":
        out.append(_try(graph_argument_cure, source, message, line, ns))
        out.append(_try(made_up_cure, source, message))
        out.append(_try(transform_to_function_cure, source, message, line))
        out.append(_try(path_point_cure, source, message))
        out.append(_try(camera3d_cure, source, message, line, ns))
        out.append(_try(camera_attribute_cure, source, message, ns))
        out.append(_try(bare_camera_cure, source, message, line))
        out.append(_try(scene_base_cure, source, message, line, ns))
        out.append(_try(nested_class_cure, source, message, ns))
        out.append(_try(vector_method_cure, source, message, line))
        out.append(_try(attribute_cure, source, message, line, ns))
        out.append(_try(surface_point_cure, source, message, line, ns))
        out.append(_try(module_attribute_cure, source, message, line, ns))
        out.append(_try(read_only_attribute_cure, source, message, line))
        out.append(_try(changeable_number_cure, source, message, line))
    if error_type in ("AttributeError", "TypeError"):
        out.append(_try(angle_points_cure, source, message, line, ns))
    if error_type == "TypeError":  # (an AttributeError has had it above)
        out.append(_try(surface_point_cure, source, message, line, ns))
    if error_type == "TypeError" and "unexpected keyword argument" in message:
        out.append(_try(kwarg_cure, source, message, line, ns))
    if error_type == "TypeError":  # they read "got multiple values for (keyword) argument" themselves
        out.append(_try(duplicate_kwarg_cure, source, message, line, ns))
        out.append(_try(passed_kwargs_cure, source, message, line))
    if is_point_error(message) or "could not be broadcast" in message:
        out.append(_try(surface_cure, source, line))
    if is_point_error(message) or "unsupported operand" in message:
        out.append(_try(matrix_values_cure, source, line))
    if is_point_error(message):
        out.append(_try(point_cure, source, line))
        out.append(_try(sliced_point_cure, source, line))
        out.append(_try(computed_point_cure, source, line, ns.manim_names))
        out.append(_try(random_pair_cure, source, line))
    if error_type == "TypeError" and is_sequence_error(message):
        out.append(_try(sequence_cure, source, line))
        out.append(_try(parameter_vector_cure, source, line))
    if error_type in ("TypeError", "AttributeError", "ValueError"):
        out.append(_try(spread_animation_cure, source, line, ns))
    if error_type == "TypeError":
        out.append(_try(uncalled_getter_cure, source, message, line))
        out.append(_try(played_scene_call_cure, source, message, line, ns))
        out.append(_try(explicit_target_cure, source, message, line))
        out.append(_try(sized_setter_cure, source, message))
        out.append(_try(made_up_setter_cure, source, message, line, ns))
        out.append(_try(array_args_cure, source, message, line))
        out.append(_try(spread_coordinates_cure, source, message, line, ns))
        out.append(_try(grow_arrow_cure, source, message, line))
        out.append(_try(plane_point_cure, source, message, line))
        out.append(_try(called_rate_function_cure, source, message, line))
        out.append(_try(called_unit_cure, source, message))
        out.append(_try(positional_colour_cure, source, message, line, ns))
        out.append(_try(false_for_none_cure, source, message, line, ns))
        out.append(_try(swapped_updater_cure, source, message, line))
        out.append(_try(scene_updater_cure, source, message, line))
        out.append(_try(redraw_parameter_cure, source, message, line))
        out.append(_try(mobject_updater_cure, source, message))
        out.append(_try(all_updaters_cure, source, message))
        out.append(_try(singular_accessor_cure, source, message, line, ns))
        out.append(_try(getter_prefix_cure, source, message, line, ns))
        out.append(_try(renamed_method_cure, source, message, line, ns))
        out.append(_try(style_dict_key_cure, source, message, line, ns))
    if error_type in ("AttributeError", "TypeError"):
        out.append(_try(tex_parts_cure, source, message, line))
        out.append(_try(tex_index_cure, source, message, line, ns))
        out.append(_try(text_index_cure, source, message, line))
        out.append(_try(text_value_cure, source, message, line))
    if error_type in ("TypeError", "ValueError"):
        out.append(_try(spread_point_cure, source, line, ns))
        out.append(_try(colour_as_direction_cure, source, message, line, ns))
    if error_type in ("NotImplementedError", "TypeError", "ValueError"):
        out.append(_try(mobject_point_cure, source, error_type, message, line, ns))
    if error_type == "NotImplementedError":
        out.append(_try(move_to_target_cure, source, message, line))
    if error_type in ("ValueError", "TypeError"):
        out.append(_try(vertex_list_cure, source, message, line, ns))
    if error_type == "ValueError":
        out.append(_try(solid_path_cure, source, message))
        out.append(_try(planar_matrix_cure, source, message, line))
        out.append(_try(unpack_cure, source, message, line))
        out.append(_try(empty_play_cure, source, message, line))
        out.append(_try(no_time_cure, source, message, line))
    if error_type in ("ValueError", "NotImplementedError"):  # after every cure of the points given
        out.append(_try(morph_cure, source, message, line))
    return [c for c in out if c is not None]


def _try(cure: Callable[..., Any], *args: Any) -> Any:
    """A cure's answer, or nothing when the cure itself fails: one cure's bug on input nobody
    foresaw must not end the repair (the other cures, and the model, still get their turn)."""
    try:
        return cure(*args)
    except Exception:  # noqa: BLE001 - any failure of a helper is reported and skipped
        log.warning("cure %s failed on this program; skipped", getattr(cure, "__name__", cure), exc_info=True)
        return None
    finally:
        pyparse.verify_shared(getattr(cure, "__name__", "a cure"))  # (the tests check no cure changes it)


def runtime_fix(source: str, error_type: str, message: str, line: int | None,
                ns: Namespace | None = None) -> tuple[str, list[Fix]] | None:
    """The first known cure as (source, fixes), or None."""
    cures = runtime_fixes(source, error_type, message, line, ns)
    return (cures[0].source, cures[0].fixes) if cures else None
