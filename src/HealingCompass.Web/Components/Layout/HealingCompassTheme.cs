using MudBlazor;

namespace HealingCompass.Web.Components.Layout;

/// <summary>
/// A calm, high-contrast theme. Colours meet WCAG AA on their backgrounds; type uses the system font
/// stack so no font is fetched from anywhere.
/// </summary>
internal static class HealingCompassTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2A5D67",
            Secondary = "#5B4B8A",
            Tertiary = "#7A4E2D",
            Info = "#1F5C99",
            Success = "#2E6B3A",
            Warning = "#8A5A00",
            Error = "#A1322B",
            Background = "#FAFAF7",
            Surface = "#FFFFFF",
            AppbarBackground = "#2A5D67",
            TextPrimary = "#1E2426",
            TextSecondary = "#4A5356",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8CC7CF",
            PrimaryContrastText = "#0F2A2E",
            SecondaryContrastText = "#211A33",
            TertiaryContrastText = "#2E1D10",
            Secondary = "#C3B6EC",
            Tertiary = "#E3B48E",
            Info = "#9CC6F2",
            Success = "#9BD3A6",
            Warning = "#F0C674",
            Error = "#F2A19B",
            Background = "#15191A",
            Surface = "#1E2426",
            TextPrimary = "#ECEFEF",
            TextSecondary = "#C2CACC",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
            H1 = new H1Typography { FontFamily = SystemFonts },
            H2 = new H2Typography { FontFamily = SystemFonts },
            H3 = new H3Typography { FontFamily = SystemFonts },
            H4 = new H4Typography { FontFamily = SystemFonts, FontSize = "1.75rem", LineHeight = "1.3" },
            H5 = new H5Typography { FontFamily = SystemFonts, FontSize = "1.35rem", LineHeight = "1.35" },
            H6 = new H6Typography { FontFamily = SystemFonts, FontSize = "1.1rem", LineHeight = "1.4" },
            Button = new ButtonTypography { FontFamily = SystemFonts, TextTransform = "none" },
            Body1 = new Body1Typography { FontFamily = SystemFonts, FontSize = "1rem", LineHeight = "1.6" },
            Body2 = new Body2Typography { FontFamily = SystemFonts },
            Subtitle1 = new Subtitle1Typography { FontFamily = SystemFonts },
            Subtitle2 = new Subtitle2Typography { FontFamily = SystemFonts },
            Caption = new CaptionTypography { FontFamily = SystemFonts },
            Overline = new OverlineTypography { FontFamily = SystemFonts },
        },
    };
}
