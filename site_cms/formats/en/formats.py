"""English date formats in the British style the site uses: 22 May 2024."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d/m/Y"
# The day in a listing's date badge, over the year: "22 May".
MONTH_DAY_FORMAT = "j M"
