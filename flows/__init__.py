"""quotewire: news articles in, a validated dataset of quotations, speakers and dated events out."""

__version__ = "0.1.0"
