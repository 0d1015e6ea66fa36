"""Uses app.models; every line below is something the editor tests look at."""
from . import models
from .models import Model


def make():
    return Model()


async def run():
    models.fetch()  # missing-await: the coroutine is created and dropped


def peek(obj):
    return obj.__secret  # mangled-attribute-access: not mangled outside a class
