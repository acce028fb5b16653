"""Known manim API changes, as data. Each entry is a documented change between manim
versions (3b1b's manim / manimgl -> Manim Community -> 0.19+), which models trained on older
code keep writing. Sources: the Manim Community changelogs (docs.manim.community/en/stable/
changelog), the "Deprecated" notes in its reference pages, and its migration guide for
GraphScene (v0.10), Code (v0.19) and the Text ``size`` argument (v0.5)."""

from __future__ import annotations

# Old name -> new name (same call shape).
NAMES: dict[str, str] = {
    "ShowCreation": "Create",  # renamed in Manim Community v0.2
    "TextMobject": "Tex",  # renamed in Manim Community v0.2 (text-mode LaTeX)
    "TexMobject": "MathTex",  # renamed in Manim Community v0.2
    "TexText": "Tex",  # manimgl's name
    "OldTex": "Tex",
    "OldTexText": "Tex",
    "ShowCreationThenDestruction": "ShowPassingFlash",  # removed in v0.2
    "CircleIndicate": "Circumscribe",  # replaced in v0.6
    "WiggleOutThenIn": "Wiggle",  # renamed in v0.6
    "ParametricSurface": "Surface",  # renamed in v0.8
    "ContinualAnimation": "UpdateFromFunc",
    "DARK_GREEN": "GREEN_E",
    "LIGHT_GREEN": "GREEN_B",
    "LIGHT_BLUE": "BLUE_B",
    "LIGHT_RED": "RED_B",
    "DARK_RED": "RED_E",
    "LIGHT_YELLOW": "YELLOW_B",
    "DARK_YELLOW": "YELLOW_E",
    "LIGHT_PURPLE": "PURPLE_B",
    "DARK_PURPLE": "PURPLE_E",
    "VIOLET": "PURPLE",
    "CYAN": "TEAL",
    "MAGENTA": "PINK",
    "BROWN": "DARK_BROWN",
    "LIGHT_ORANGE": "ORANGE",
    "DARK_ORANGE": "ORANGE",
    "GREY": "GRAY",
    "Color": "ManimColor",  # colour.Color was replaced by ManimColor in v0.18
    # corners named top/bottom and left/right; manim names them up/down: UL, UR, DL, DR
    "TL": "UL",
    "TR": "UR",
    "BL": "DL",
    "BR": "DR",
    "UP_LEFT": "UL", "UP_RIGHT": "UR", "DOWN_LEFT": "DL", "DOWN_RIGHT": "DR",
    "TOP_LEFT": "UL", "TOP_RIGHT": "UR", "BOTTOM_LEFT": "DL", "BOTTOM_RIGHT": "DR",
}
# Old name -> an expression (module-level constants moved into config).
EXPRESSIONS: dict[str, str] = {
    "FRAME_WIDTH": "config.frame_width",
    "FRAME_HEIGHT": "config.frame_height",
    "FRAME_X_RADIUS": "config.frame_x_radius",
    "FRAME_Y_RADIUS": "config.frame_y_radius",
    # easing named as in CSS and animation libraries: manim's sine easings are the same curves
    "ease_in_out": "rate_functions.ease_in_out_sine",
    "ease_in": "rate_functions.ease_in_sine",
    "ease_out": "rate_functions.ease_out_sine",
    # the centre of the frame named as in other libraries: manim's is the origin; and depth as
    # the viewer sees it: the back is away from the camera (IN), the front toward it (OUT)
    "CENTER": "ORIGIN",
    "BACK": "IN",
    "FRONT": "OUT",
}
# Removed animations whose direction argument became ``shift=`` (v0.2 "FadeIn/FadeOut
# refactor"): old name -> (new name, keyword for the 2nd positional argument, default value).
SHIFTED: dict[str, tuple[str, str, str | None]] = {
    "FadeInFrom": ("FadeIn", "shift", None),
    "FadeInFromDown": ("FadeIn", "shift", "UP"),
    "FadeInFromUp": ("FadeIn", "shift", "DOWN"),
    "FadeOutAndShift": ("FadeOut", "shift", None),
    "FadeOutAndShiftDown": ("FadeOut", "shift", "DOWN"),
    "FadeInFromPoint": ("FadeIn", "target_position", None),
    "FadeInFromLarge": ("FadeIn", "scale", "2"),
}
# Methods renamed or removed: old -> new (same call shape).
METHODS: dict[str, str] = {
    "get_graph": "plot",  # GraphScene/Axes.get_graph -> Axes.plot (v0.10)
    "scale_in_place": "scale",  # removed in v0.2: scale() keeps the centre
    "rotate_in_place": "rotate",
    "set_colour": "set_color",
    "get_colour": "get_color",
    "set_fill_color": "set_fill",
    "arrange_submobjects": "arrange",
    "get_parametric_curve": "plot_parametric_curve",
    "get_implicit_curve": "plot_implicit_curve",
    "get_derivative_graph": "plot_derivative_graph",
    "get_antiderivative_graph": "plot_antiderivative_graph",
    "get_vertical_line_to_graph": "get_vertical_line",
    "add_updater_function": "add_updater",
    "remove_updaters": "clear_updaters",  # remove_updater(f) removes one; this meant all
    "remove_all_updaters": "clear_updaters",
    "get_center_point": "get_center",  # manimgl
    # a point named with "_point": manim's getters of a side or an end of a path say just that
    "get_start_point": "get_start", "get_end_point": "get_end", "get_top_point": "get_top",
    "get_bottom_point": "get_bottom", "get_left_point": "get_left", "get_right_point": "get_right",
    "get_position": "get_center",
    "get_v_line": "get_vertical_line",  # manimgl's Axes.get_v_line
    "get_h_line": "get_horizontal_line",
    "get_axes_labels": "get_axis_labels",
    # since 0.20 one lookup gives every glyph of the part; the plural was removed
    "get_parts_by_tex": "get_part_by_tex",
    "get_opacity": "get_fill_opacity",  # set_opacity sets fill and stroke; fill is what shows
    # the coordinate conversions spelled out (manim abbreviates: coords_to_point, point_to_coords)
    "coordinate_to_point": "coords_to_point", "coordinates_to_point": "coords_to_point",
    "point_to_coordinate": "point_to_coords", "point_to_coordinates": "point_to_coords",
    # colour.Color's getters, which ManimColor (v0.18) names as conversions
    "get_rgb": "to_rgb", "get_hex": "to_hex", "get_hex_l": "to_hex", "get_hsl": "to_hsl",
}
# colour.Color made from one form (``Color(rgb=c)``): ManimColor's factory for it (v0.18).
COLOUR_FACTORIES: dict[str, str] = {"rgb": "ManimColor.from_rgb", "hex": "ManimColor.from_hex",
                                    "hsl": "ManimColor.from_hsl"}
# Removed animations that became a composition: old name -> template ({0} = 1st argument).
COMPOSED: dict[str, str] = {
    "ShowCreationThenFadeOut": "Succession(Create({0}), FadeOut({0}))",  # removed in v0.2
    "ShowCreationThenFadeAround": "Circumscribe({0}, fade_out=True)",
    "FadeInThenFadeOut": "Succession(FadeIn({0}), FadeOut({0}))",
}
# Mobject methods that are Scene methods in Manim Community: mob.m() -> self.m(mob).
# (ManimGL's mob.fix_in_frame() is not one: it depends on the scene's camera, see
# gl_frame.fixed_in_frame, which the GL port and the camera cure share.)
SCENE_METHODS: dict[str, str] = {
    "bring_to_front": "bring_to_front", "bring_to_back": "bring_to_back",
    "add_foreground_mobject": "add_foreground_mobject"}
# Attributes that are accessors: tracker.value -> tracker.get_value().
ACCESSORS: dict[str, str] = {"value": "get_value"}
# numpy names removed in numpy 2.0 (NEP 52 and its migration guide): old -> what to write.
NUMPY: dict[str, str] = {
    "math": "math", "float": "float", "int": "int", "bool": "bool", "object": "object",
    "str": "str", "complex": "complex", "long": "int", "unicode": "str", "float_": "np.float64",
    "complex_": "np.complex128", "NaN": "np.nan", "NAN": "np.nan", "Inf": "np.inf",
    "Infinity": "np.inf", "infty": "np.inf", "PINF": "np.inf", "NINF": "-np.inf",
    "product": "np.prod", "cumproduct": "np.cumprod", "alltrue": "np.all", "sometrue": "np.any",
    "round_": "np.round", "in1d": "np.isin", "row_stack": "np.vstack", "trapz": "np.trapezoid",
    "asfarray": "np.asarray", "string_": "np.bytes_", "unicode_": "np.str_",
    # never numpy's, but a model's shorthand for its random Generator (``rng = np.rng()``)
    "rng": "np.random.default_rng"}
# Corners spelled as properties (``rect.top_left``): get_corner with manim's direction constant.
CORNERS: dict[str, str] = {
    "top_left": "UL", "top_right": "UR", "bottom_left": "DL", "bottom_right": "DR",
    "upper_left": "UL", "upper_right": "UR", "lower_left": "DL", "lower_right": "DR",
    "ul": "UL", "ur": "UR", "dl": "DL", "dr": "DR"}
# Keyword arguments that moved into one of the class's config dicts: class -> old -> (dict, key).
# Code was rewritten in v0.19: its text settings go to the Paragraph it builds, its frame's to
# the background (the "margin" was the frame's inner buff).
INTO_CONFIG: dict[str, dict[str, tuple[str, str]]] = {
    "Code": {"font": ("paragraph_config", "font"), "font_size": ("paragraph_config", "font_size"),
             "line_spacing": ("paragraph_config", "line_spacing"),
             "background_stroke_width": ("background_config", "stroke_width"),
             "background_stroke_color": ("background_config", "stroke_color"),
             "corner_radius": ("background_config", "corner_radius"),
             "margin": ("background_config", "buff")},
}
# Keyword arguments renamed, per class (or "*" for any): old -> new.
KWARGS: dict[str, dict[str, str]] = {
    "*": {"color_fill": "fill_color", "fill_colour": "fill_color", "colour": "color",
          "stroke_colour": "stroke_color", "runtime": "run_time", "run_times": "run_time",
          "lagratio": "lag_ratio", "ratefunc": "rate_func",
          # the gap between mobjects, as CSS and layout libraries name it (when the call has buff)
          "buffer": "buff", "padding": "buff", "spacing": "buff", "gap": "buff", "margin": "buff",
          "num_decimal_points": "num_decimal_places", "decimal_places": "num_decimal_places",
          # names of older Manim Community versions
          "number_line_config": "axis_config", "positive_space_ratio": "dashed_ratio"},
    # the direction a fading mobject moves in
    "FadeIn": {"direction": "shift"},
    "FadeOut": {"direction": "shift"},
    # the colour of the glyphs is the mobject's color (CSS and matplotlib call it the font's)
    "Text": {"size": "font_size", "text_size": "font_size", "fontsize": "font_size",
             "text_color": "color", "font_color": "color"},
    "MarkupText": {"size": "font_size", "fontsize": "font_size", "text_color": "color", "font_color": "color"},
    "Paragraph": {"size": "font_size", "fontsize": "font_size", "text_color": "color", "font_color": "color"},
    "Tex": {"size": "font_size", "fontsize": "font_size", "text_color": "color", "font_color": "color"},
    "MathTex": {"size": "font_size", "fontsize": "font_size", "text_color": "color", "font_color": "color"},
    # renamed in Manim Community 0.19 (older tutorials, and so models, use the old names)
    "Rotating": {"radians": "angle"},
    "Sector": {"outer_radius": "radius"},
    "Code": {"code": "code_string", "style": "formatter_style", "insert_line_no": "add_line_numbers",
             "file_name": "code_file", "line_no_from": "line_numbers_from"},
}
# Base classes that draw nothing themselves, called with the keywords of the one that draws
# (ManimGL's VectorField is Community's ArrowVectorField).
DRAWN: dict[str, str] = {"VectorField": "ArrowVectorField"}
# Keyword pairs that became one range argument: Axes(x_min=0, x_max=5) -> x_range=[0, 5].
RANGES: dict[str, dict[str, tuple[str, str]]] = {
    "Axes": {"x_range": ("x_min", "x_max"), "y_range": ("y_min", "y_max")},
    "NumberPlane": {"x_range": ("x_min", "x_max"), "y_range": ("y_min", "y_max")},
    "NumberLine": {"x_range": ("x_min", "x_max")},
    "ParametricFunction": {"t_range": ("t_min", "t_max")},
    "FunctionGraph": {"x_range": ("x_min", "x_max")},
}
# Modules a scene may use without saying so in a prompt: name -> import line.
IMPORTS: dict[str, str] = {
    "np": "import numpy as np",
    "numpy": "import numpy",
    "math": "import math",
    "random": "import random",
    "itertools": "import itertools",
    "functools": "import functools",
    "it": "import itertools as it",
}
