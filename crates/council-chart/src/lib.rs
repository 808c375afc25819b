//! Charts of council's numbers: plain series in, an SVG or PNG picture out (plotters).
//!
//! This crate draws and does nothing else: it computes no statistic and reads no record.
//! The caller (the `council` command) gathers the numbers and hands over a [`Chart`]: a title,
//! a subtitle that says what is counted, and one or more [`Panel`]s of bars (stacked or
//! grouped, vertical or horizontal), optionally with a line of percentages on a right-hand
//! axis.
//!
//! Text is laid out with `ab_glyph` and the Noto Sans font shipped by the `notosans` crate
//! (SIL Open Font License), so PNGs need no system fontconfig or freetype and look the same
//! on every machine.
//!
//! ```
//! use council_chart::{BarLayout, Chart, Orientation, Panel, Series};
//! let chart = Chart {
//!     title: "Vetoes".to_owned(),
//!     subtitle: "Drafts defeated by a negative vote of a permanent member".to_owned(),
//!     panels: vec![Panel {
//!         heading: None,
//!         categories: vec!["1940s".to_owned(), "1950s".to_owned()],
//!         category_axis: "Decade".to_owned(),
//!         value_axis: "Vetoes cast".to_owned(),
//!         bars: vec![Series { name: "USSR".to_owned(), values: vec![30.0, 45.0] }],
//!         layout: BarLayout::Stacked,
//!         orientation: Orientation::Vertical,
//!         percent_line: None,
//!         value_decimals: 0,
//!     }],
//! };
//! let svg = council_chart::render_svg(&chart, 1280, 720).unwrap();
//! assert!(svg.starts_with("<svg") && svg.contains("Vetoes"));
//! ```
//!
//! # Layout
//! - [`Chart`], [`Panel`], [`Series`], [`PercentLine`]: what to draw.
//! - [`Format`]: SVG or PNG, from a file name's extension.
//! - [`render_svg`], [`write()`]: the drawing itself.
//! - [`ChartError`]: why a chart could not be drawn or written.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::coord::combinators::BindKeyPoints;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};

/// A whole picture: a title, a subtitle and panels stacked top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The title, large, at the top.
    pub title: String,
    /// One line under the title saying what is counted (and what is not).
    pub subtitle: String,
    /// The panels, top to bottom, sharing the height equally.
    pub panels: Vec<Panel>,
}

/// One set of axes with bars.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// A heading over the panel, if there is more than one.
    pub heading: Option<String>,
    /// The categories along the category axis, in order. An empty name draws no tick label
    /// (for dense axes such as years, label only every fifth).
    pub categories: Vec<String>,
    /// The category axis's label.
    pub category_axis: String,
    /// The value axis's label.
    pub value_axis: String,
    /// The bar series; each has one value per category.
    pub bars: Vec<Series>,
    /// Stacked or side by side.
    pub layout: BarLayout,
    /// Bars upwards or to the right.
    pub orientation: Orientation,
    /// A line of percentages (0 to 100) on a right-hand axis; vertical panels only.
    pub percent_line: Option<PercentLine>,
    /// Decimals shown on the value axis.
    pub value_decimals: usize,
}

/// A named series of bars, one value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The legend's label.
    pub name: String,
    /// One value per category.
    pub values: Vec<f64>,
}

/// A line of percentages drawn over the bars against a right-hand 0-100 % axis.
#[derive(Debug, Clone, PartialEq)]
pub struct PercentLine {
    /// The legend's label.
    pub name: String,
    /// The right-hand axis's label.
    pub axis: String,
    /// One value per category, from 0 to 100; `None` leaves a gap.
    pub values: Vec<Option<f64>>,
}

/// How the series of one category share the space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarLayout {
    /// One bar per category, the series piled up.
    Stacked,
    /// One bar per series, side by side.
    Grouped,
}

/// Which way bars grow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    /// Categories along the bottom, values up.
    Vertical,
    /// Categories down the left, values to the right: for long category names.
    Horizontal,
}

/// A picture format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
}

impl Format {
    /// The format a file name's extension asks for (`.svg` or `.png`, any case).
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            _ => None,
        }
    }
}

/// Why a chart could not be drawn or written.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The chart's data is inconsistent (a series of the wrong length, no panels).
    #[error("invalid chart: {0}")]
    Invalid(String),
    /// Drawing or writing failed.
    #[error("cannot draw {path}: {message}")]
    Draw {
        /// The file, or `<memory>` for an SVG string.
        path: String,
        /// What the backend said.
        message: String,
    },
}

/// Colours that stay apart for colour-blind readers (Okabe and Ito), in series order.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 158, 115),
    RGBColor(230, 159, 0),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(120, 120, 120),
    RGBColor(240, 228, 66),
];

/// The colour of the line over the bars.
const LINE_COLOUR: RGBColor = RGBColor(20, 20, 20);

/// The colour of series `index`.
pub fn series_colour(index: usize) -> (u8, u8, u8) {
    let RGBColor(red, green, blue) = PALETTE[index % PALETTE.len()];
    (red, green, blue)
}

const FONT: &str = "sans-serif";

fn register_fonts() {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        // The shipped fonts are valid TrueType files; a failure here would be a packaging
        // defect, and plotters then reports the missing font when drawing.
        let _ = register_font(FONT, FontStyle::Normal, notosans::REGULAR_TTF);
        let _ = register_font(FONT, FontStyle::Bold, notosans::BOLD_TTF);
    });
}

/// Draws the chart as an SVG document of `width` by `height` pixels.
pub fn render_svg(chart: &Chart, width: u32, height: u32) -> Result<String, ChartError> {
    validate(chart)?;
    register_fonts();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        draw(chart, &root).map_err(|message| ChartError::Draw {
            path: "<memory>".to_owned(),
            message,
        })?;
    }
    Ok(svg)
}

/// Draws the chart into `path` in `format`, `width` by `height` pixels.
pub fn write(
    chart: &Chart,
    path: &Path,
    format: Format,
    width: u32,
    height: u32,
) -> Result<(), ChartError> {
    let failed = |message: String| ChartError::Draw {
        path: path.display().to_string(),
        message,
    };
    match format {
        Format::Svg => {
            let svg = render_svg(chart, width, height)?;
            std::fs::write(path, svg).map_err(|error| failed(error.to_string()))
        }
        Format::Png => {
            validate(chart)?;
            register_fonts();
            let root = BitMapBackend::new(path, (width, height)).into_drawing_area();
            draw(chart, &root).map_err(failed)
        }
    }
}

fn validate(chart: &Chart) -> Result<(), ChartError> {
    if chart.panels.is_empty() {
        return Err(ChartError::Invalid("a chart needs a panel".to_owned()));
    }
    for panel in &chart.panels {
        let n_categories = panel.categories.len();
        if n_categories == 0 {
            return Err(ChartError::Invalid(format!(
                "panel `{}` has no categories",
                panel.value_axis
            )));
        }
        let lengths = panel
            .bars
            .iter()
            .map(|series| (series.name.as_str(), series.values.len()))
            .chain(
                panel
                    .percent_line
                    .iter()
                    .map(|line| (line.name.as_str(), line.values.len())),
            );
        for (name, length) in lengths {
            if length != n_categories {
                return Err(ChartError::Invalid(format!(
                    "series `{name}` has {length} values for {n_categories} categories"
                )));
            }
        }
    }
    Ok(())
}

/// One drawn bar: its span along the category axis, its span along the value axis and its
/// series.
struct Bar {
    category_span: (i32, i32),
    value_span: (f64, f64),
    series: usize,
}

/// The width of one category on the category axis. The axis is integer because plotters
/// formats tick labels of integer axes through our formatter; floats need its own.
const UNIT: i32 = 1000;

/// The category axis: from half a category before the first to half after the last.
fn category_range(panel: &Panel) -> std::ops::Range<i32> {
    -UNIT / 2..UNIT * panel.categories.len() as i32 - UNIT / 2
}

/// Where each bar goes: category `i` occupies `i - 0.5 .. i + 0.5` units, bars fill 80 % of it.
fn bars(panel: &Panel) -> Vec<Bar> {
    let mut bars = Vec::new();
    let n_series = panel.bars.len().max(1) as f64;
    let unit = f64::from(UNIT);
    let at = |position: f64| (position * unit).round() as i32;
    for category in 0..panel.categories.len() {
        let centre = category as f64;
        let mut stacked = 0.0;
        for (series_index, series) in panel.bars.iter().enumerate() {
            let value = series.values[category];
            match panel.layout {
                BarLayout::Stacked => {
                    bars.push(Bar {
                        category_span: (at(centre - 0.4), at(centre + 0.4)),
                        value_span: (stacked, stacked + value),
                        series: series_index,
                    });
                    stacked += value;
                }
                BarLayout::Grouped => {
                    let slot = 0.8 / n_series;
                    let start = centre - 0.4 + slot * series_index as f64;
                    bars.push(Bar {
                        category_span: (at(start + slot * 0.05), at(start + slot * 0.95)),
                        value_span: (0.0, value),
                        series: series_index,
                    });
                }
            }
        }
    }
    bars
}

/// The top of the value axis: the largest bar (or stack), with a little headroom.
fn value_max(panel: &Panel) -> f64 {
    let largest = (0..panel.categories.len())
        .map(|category| {
            let values = panel.bars.iter().map(|series| series.values[category]);
            match panel.layout {
                BarLayout::Stacked => values.sum::<f64>(),
                BarLayout::Grouped => values.fold(0.0, f64::max),
            }
        })
        .fold(0.0, f64::max);
    if largest > 0.0 { largest * 1.12 } else { 1.0 }
}

fn category_label(panel: &Panel, position: i32) -> String {
    let index = (f64::from(position) / f64::from(UNIT)).round();
    if index < 0.0 {
        return String::new();
    }
    panel
        .categories
        .get(index as usize)
        .cloned()
        .unwrap_or_default()
}

/// The category positions that get a tick label.
fn key_points(panel: &Panel) -> Vec<i32> {
    panel
        .categories
        .iter()
        .enumerate()
        .filter(|(_, name)| !name.is_empty())
        .map(|(index, _)| index as i32 * UNIT)
        .collect()
}

fn draw<DB: DrawingBackend>(chart: &Chart, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
    let error = |error: DrawingAreaErrorKind<DB::ErrorType>| error.to_string();
    root.fill(&WHITE).map_err(error)?;
    let (width, height) = root.dim_in_pixel();
    // Sizes scale with the picture so a 640-pixel PNG and a 1920-pixel one look alike.
    let scale = f64::from(width.min(height * 16 / 9)) / 1280.0;
    let size = |points: f64| (points * scale).round().max(1.0);
    let title_style = TextStyle::from((FONT, size(36.0)).into_font().style(FontStyle::Bold));
    let subtitle_style =
        TextStyle::from((FONT, size(20.0)).into_font()).color(&RGBColor(70, 70, 70));
    root.draw(&Text::new(
        chart.title.clone(),
        (size(24.0) as i32, size(16.0) as i32),
        title_style,
    ))
    .map_err(error)?;
    let subtitle_lines: Vec<&str> = chart.subtitle.lines().collect();
    for (index, line) in subtitle_lines.iter().enumerate() {
        root.draw(&Text::new(
            (*line).to_owned(),
            (size(24.0) as i32, size(62.0 + 26.0 * index as f64) as i32),
            subtitle_style.clone(),
        ))
        .map_err(error)?;
    }
    let header = size(74.0 + 26.0 * subtitle_lines.len() as f64) as u32;
    let body = root
        .split_vertically(header.min(height.saturating_sub(1)))
        .1;
    let areas = body.split_evenly((chart.panels.len(), 1));
    for (panel, area) in chart.panels.iter().zip(areas.iter()) {
        match panel.orientation {
            Orientation::Vertical => draw_vertical(panel, area, &size)?,
            Orientation::Horizontal => draw_horizontal(panel, area, &size)?,
        }
    }
    root.present().map_err(error)
}

/// The font size of a vertical panel's category labels: the usual size, or smaller where
/// the labels would otherwise run into each other.
fn category_label_size<DB: DrawingBackend>(
    panel: &Panel,
    area: &DrawingArea<DB, Shift>,
    size: &dyn Fn(f64) -> f64,
) -> f64 {
    let labelled = key_points(panel);
    let gap = labelled
        .windows(2)
        .map(|pair| (pair[1] - pair[0]) / UNIT)
        .min()
        .unwrap_or(panel.categories.len() as i32)
        .max(1);
    let plot_width = f64::from(area.dim_in_pixel().0) - size(260.0);
    let room = plot_width / panel.categories.len() as f64 * f64::from(gap) * 0.9;
    let longest = panel
        .categories
        .iter()
        .map(|name| name.chars().count())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    // Noto Sans averages a little over half an em per character.
    (room / (0.5 * longest)).clamp(size(15.0), size(18.0))
}

/// Draws the legend as one row at the top of `area` (so it never covers a bar) and returns
/// the rest of the area.
fn draw_legend<DB: DrawingBackend>(
    panel: &Panel,
    area: &DrawingArea<DB, Shift>,
    size: &dyn Fn(f64) -> f64,
) -> Result<DrawingArea<DB, Shift>, String> {
    let error = |error: DrawingAreaErrorKind<DB::ErrorType>| error.to_string();
    let font = TextStyle::from((FONT, size(18.0)).into_font());
    let strip = size(36.0) as u32;
    let (legend, rest) = area.split_vertically(strip);
    let swatch = size(16.0) as i32;
    let middle = (strip / 2) as i32;
    let mut x = size(110.0) as i32;
    let entries = panel
        .bars
        .iter()
        .enumerate()
        .map(|(index, series)| (series.name.as_str(), Some(index)))
        .chain(
            panel
                .percent_line
                .iter()
                .map(|line| (line.name.as_str(), None)),
        );
    for (name, series) in entries {
        match series {
            Some(index) => legend
                .draw(&Rectangle::new(
                    [(x, middle - swatch / 2), (x + swatch, middle + swatch / 2)],
                    series_style(index),
                ))
                .map_err(error)?,
            None => legend
                .draw(&PathElement::new(
                    vec![(x - swatch / 4, middle), (x + swatch + swatch / 4, middle)],
                    LINE_COLOUR.stroke_width(size(3.0) as u32),
                ))
                .map_err(error)?,
        }
        x += swatch + size(8.0) as i32;
        legend
            .draw(&Text::new(
                name.to_owned(),
                (x, middle),
                font.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(error)?;
        let (width, _) = legend.estimate_text_size(name, &font).map_err(error)?;
        x += width as i32 + size(28.0) as i32;
    }
    Ok(rest)
}

fn series_style(index: usize) -> ShapeStyle {
    PALETTE[index % PALETTE.len()].filled()
}

fn draw_vertical<DB: DrawingBackend>(
    panel: &Panel,
    area: &DrawingArea<DB, Shift>,
    size: &dyn Fn(f64) -> f64,
) -> Result<(), String> {
    let error = |error: DrawingAreaErrorKind<DB::ErrorType>| error.to_string();
    let area = draw_legend(panel, area, size)?;
    let mut builder = ChartBuilder::on(&area);
    builder
        .margin(size(16.0))
        .margin_left(size(24.0))
        .x_label_area_size(size(64.0))
        .y_label_area_size(size(90.0));
    if panel.percent_line.is_some() {
        builder.right_y_label_area_size(size(90.0));
    }
    if let Some(heading) = &panel.heading {
        builder.caption(
            heading,
            (FONT, size(24.0)).into_font().style(FontStyle::Bold),
        );
    }
    let categories = category_range(panel).with_key_points(key_points(panel));
    let mut context = builder
        .build_cartesian_2d(categories, 0.0..value_max(panel))
        .map_err(error)?
        .set_secondary_coord(category_range(panel), 0.0..100.0);
    let label_style = (FONT, size(18.0)).into_font();
    let axis_style = (FONT, size(20.0)).into_font();
    let category_style = (FONT, category_label_size(panel, &area, size)).into_font();
    let decimals = panel.value_decimals;
    context
        .configure_mesh()
        .disable_x_mesh()
        .x_desc(panel.category_axis.as_str())
        .y_desc(panel.value_axis.as_str())
        .x_label_formatter(&|position| category_label(panel, *position))
        .y_label_formatter(&|value| format!("{value:.decimals$}"))
        .label_style(label_style.clone())
        .x_label_style(category_style)
        .axis_desc_style(axis_style.clone())
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(error)?;
    for series_index in 0..panel.bars.len() {
        let style = series_style(series_index);
        context
            .draw_series(
                bars(panel)
                    .into_iter()
                    .filter(|bar| bar.series == series_index && bar.value_span.1 > bar.value_span.0)
                    .map(|bar| {
                        Rectangle::new(
                            [
                                (bar.category_span.0, bar.value_span.0),
                                (bar.category_span.1, bar.value_span.1),
                            ],
                            style,
                        )
                    }),
            )
            .map_err(error)?;
    }
    if let Some(line) = &panel.percent_line {
        context
            .configure_secondary_axes()
            .y_desc(line.axis.as_str())
            .y_label_formatter(&|value| format!("{value:.0} %"))
            .label_style(label_style.clone())
            .axis_desc_style(axis_style)
            .draw()
            .map_err(error)?;
        let line_style = LINE_COLOUR.stroke_width(size(2.0) as u32);
        // Gaps split the line into runs, so no segment bridges a category without a value.
        let mut runs: Vec<Vec<(i32, f64)>> = vec![Vec::new()];
        for (category, value) in line.values.iter().enumerate() {
            match value {
                Some(value) => runs.last_mut().into_iter().for_each(|run| {
                    run.push((category as i32 * UNIT, *value));
                }),
                None => runs.push(Vec::new()),
            }
        }
        let points: Vec<(i32, f64)> = runs.iter().flatten().copied().collect();
        let dot = size(3.0) as i32;
        context
            .draw_secondary_series(
                runs.into_iter()
                    .filter(|run| !run.is_empty())
                    .map(|run| PathElement::new(run, line_style)),
            )
            .map_err(error)?;
        context
            .draw_secondary_series(
                points
                    .into_iter()
                    .map(|point| Circle::new(point, dot, LINE_COLOUR.filled())),
            )
            .map_err(error)?;
    }
    Ok(())
}

fn draw_horizontal<DB: DrawingBackend>(
    panel: &Panel,
    area: &DrawingArea<DB, Shift>,
    size: &dyn Fn(f64) -> f64,
) -> Result<(), String> {
    let error = |error: DrawingAreaErrorKind<DB::ErrorType>| error.to_string();
    let longest = panel
        .categories
        .iter()
        .map(|name| name.chars().count())
        .max()
        .unwrap_or(0) as f64;
    let area = draw_legend(panel, area, size)?;
    let mut builder = ChartBuilder::on(&area);
    builder
        .margin(size(16.0))
        .margin_right(size(32.0))
        .x_label_area_size(size(64.0))
        .y_label_area_size(size(40.0 + longest * 10.0));
    if let Some(heading) = &panel.heading {
        builder.caption(
            heading,
            (FONT, size(24.0)).into_font().style(FontStyle::Bold),
        );
    }
    // The first category at the top, as a reader expects of a list: positions are flipped.
    let categories = category_range(panel).with_key_points(key_points(panel));
    let mut context = builder
        .build_cartesian_2d(0.0..value_max(panel), categories)
        .map_err(error)?;
    let decimals = panel.value_decimals;
    let last = UNIT * (panel.categories.len() as i32 - 1);
    let flip = |position: i32| last - position;
    context
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(panel.value_axis.as_str())
        .y_desc(panel.category_axis.as_str())
        .y_label_formatter(&|position| category_label(panel, flip(*position)))
        .x_label_formatter(&|value| format!("{value:.decimals$}"))
        .label_style((FONT, size(18.0)).into_font())
        .axis_desc_style((FONT, size(20.0)).into_font())
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()
        .map_err(error)?;
    for series_index in 0..panel.bars.len() {
        let style = series_style(series_index);
        context
            .draw_series(
                bars(panel)
                    .into_iter()
                    .filter(|bar| bar.series == series_index && bar.value_span.1 > bar.value_span.0)
                    .map(|bar| {
                        Rectangle::new(
                            [
                                (bar.value_span.0, flip(bar.category_span.0)),
                                (bar.value_span.1, flip(bar.category_span.1)),
                            ],
                            style,
                        )
                    }),
            )
            .map_err(error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(layout: BarLayout, orientation: Orientation) -> Chart {
        Chart {
            title: "A title".to_owned(),
            subtitle: "What is counted".to_owned(),
            panels: vec![Panel {
                heading: None,
                categories: vec!["a".to_owned(), "b".to_owned()],
                category_axis: "Category".to_owned(),
                value_axis: "Value".to_owned(),
                bars: vec![
                    Series {
                        name: "first series".to_owned(),
                        values: vec![1.0, 2.0],
                    },
                    Series {
                        name: "second series".to_owned(),
                        values: vec![3.0, 0.0],
                    },
                ],
                layout,
                orientation,
                percent_line: None,
                value_decimals: 0,
            }],
        }
    }

    #[test]
    fn every_layout_and_orientation_draws_its_legend() {
        for layout in [BarLayout::Stacked, BarLayout::Grouped] {
            for orientation in [Orientation::Vertical, Orientation::Horizontal] {
                let svg = render_svg(&chart(layout, orientation), 640, 360).unwrap();
                assert!(svg.starts_with("<svg"), "{svg}");
                assert!(svg.contains("first series") && svg.contains("second series"));
            }
        }
    }

    #[test]
    fn a_series_of_the_wrong_length_is_refused() {
        let mut chart = chart(BarLayout::Stacked, Orientation::Vertical);
        chart.panels[0].bars[0].values.pop();
        let error = render_svg(&chart, 640, 360).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid chart: series `first series` has 1 values for 2 categories"
        );
    }

    #[test]
    fn the_format_comes_from_the_extension() {
        assert_eq!(Format::from_path(Path::new("a.SVG")), Some(Format::Svg));
        assert_eq!(Format::from_path(Path::new("dir/a.png")), Some(Format::Png));
        assert_eq!(Format::from_path(Path::new("a.jpg")), None);
        assert_eq!(Format::from_path(Path::new("a")), None);
    }
}
