using GhostRoll.Screens.Drawing;
using GhostRoll.Screens.Text;

namespace GhostRoll.Screens.Layout;

public sealed partial class StatusScreenRenderer
{
    /// <summary>The canvas being drawn, its profile and the text renderer.</summary>
    private sealed record Page(Canvas Canvas, ScreenProfile Profile, TextRenderer Text)
    {
        public FontSpec Spec(int size, FontWeight weight = FontWeight.Regular) => new(size, weight, Profile.Smooth);
    }

    /// <summary>
    /// A column that stacks blocks top to bottom. Each block advances by its font's full descent plus the gap, so
    /// a headline with or without descenders ("Copying", "Done") takes the same room and nothing jumps between
    /// frames. A block that would cross <c>bottom</c> is left out rather than drawn over the banner.
    /// </summary>
    private sealed class Column(Page page, int left, int top, int right, int bottom)
    {
        private int _y = top;

        public Page Page { get; } = page;

        private int Width => right - left;

        public void Headline(string text, string? trailing = null)
        {
            var profile = Page.Profile;
            var available = Width;
            var trailingSpec = Page.Spec(profile.BodySize, FontWeight.Bold);
            if (trailing is not null)
            {
                available -= Page.Text.Measure(trailing, trailingSpec) + (2 * profile.Gap);
            }

            var spec = Page.Text.Fit(text, Page.Spec(profile.HeadlineSize, FontWeight.Bold), available, profile.HeadlineMinimum);
            var metrics = Page.Text.Metrics(Page.Spec(profile.HeadlineSize, FontWeight.Bold));
            var baseline = _y + metrics.CapHeight;
            Page.Text.Draw(Page.Canvas, left, baseline, Page.Text.Ellipsize(text, spec, available), spec);
            if (trailing is not null)
            {
                Page.Text.Draw(Page.Canvas, right - Page.Text.Measure(trailing, trailingSpec), baseline, trailing, trailingSpec);
            }

            _y = baseline + metrics.Descent + profile.Gap;
        }

        /// <summary>The headline in paper colour on an ink bar: errors must stand out from across the room.</summary>
        public void InvertedHeadline(string text)
        {
            var profile = Page.Profile;
            var padding = profile.Gap;
            var spec = Page.Text.Fit(text, Page.Spec(profile.HeadlineSize, FontWeight.Bold), Width - (2 * padding), profile.HeadlineMinimum);
            var metrics = Page.Text.Metrics(spec);
            var height = metrics.CapHeight + (2 * padding) + profile.Stroke;
            Page.Canvas.FillRect(left, _y, Width, height, Canvas.Black);
            Page.Text.Draw(Page.Canvas, left + padding, _y + padding + metrics.CapHeight, Page.Text.Ellipsize(text, spec, Width - (2 * padding)), spec, Canvas.White);
            _y += height + profile.Gap;
        }

        public void ProgressBar(double fraction)
        {
            var profile = Page.Profile;
            var stroke = profile.Stroke;
            Page.Canvas.StrokeRect(left, _y, Width, profile.BarHeight, stroke, Canvas.Black);

            // A paper-coloured gap between outline and fill keeps a nearly full bar readable as a bar.
            var innerWidth = Width - (4 * stroke);
            var fill = (int)Math.Round(innerWidth * Math.Clamp(fraction, 0, 1));
            Page.Canvas.FillRect(left + (2 * stroke), _y + (2 * stroke), fill, profile.BarHeight - (4 * stroke), Canvas.Black);
            _y += profile.BarHeight + profile.Gap;
        }

        public void Line(string? text, int size, FontWeight weight = FontWeight.Regular)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var spec = Page.Spec(size, weight);
            var metrics = Page.Text.Metrics(spec);
            var baseline = _y + metrics.CapHeight;
            if (baseline + metrics.Descent > bottom)
            {
                return;
            }

            Page.Text.Draw(Page.Canvas, left, baseline, Page.Text.Ellipsize(text, spec, Width), spec);
            _y = baseline + metrics.Descent + Page.Profile.Gap;
        }

        public void Paragraph(string? text, int size, int maxLines)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            foreach (var line in Page.Text.Wrap(text, Page.Spec(size), Width, maxLines))
            {
                Line(line, size);
            }
        }
    }
}
