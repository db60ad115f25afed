"""String catalogue, one module per area: each defines STRINGS = {key: {"da": …, "en": …}}."""
