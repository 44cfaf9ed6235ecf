"""Demo content is loaded app by app: each app may have a `demo.py` with `load(stdout)`.

`manage.py load_demo_content` calls them in INSTALLED_APPS order, so adding a content
type means adding a `demo.py` beside it, nothing more.
"""

import importlib
import importlib.util

from django.apps import apps


def demo_modules():
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name == "cms.core" or importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        if hasattr(module, "load"):
            yield config.label, module
