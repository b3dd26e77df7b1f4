"""Dates as they are written everywhere in Casusregie, d-m-jjjj (1-1-2021), also where Django
draws them itself: the beheer screens (admin) and `{{ value|date }}`. Only the display formats;
what a date field accepts is Django's Dutch (and basis.notatie's)."""

DATE_FORMAT = "j-n-Y"
SHORT_DATE_FORMAT = "j-n-Y"
DATETIME_FORMAT = "j-n-Y H:i"
SHORT_DATETIME_FORMAT = "j-n-Y H:i"
MONTH_DAY_FORMAT = "j-n"
