"""Load the programme's content from the seeds; running it again changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from agreements import content as agreements_content
from events import content as events_content
from matchmaking import demo as b2b_demo
from portal.core import content as portal_content
from programme import content as programme_content

# In dependency order: each app's content refers to what the earlier ones loaded.
LOADERS = [portal_content, programme_content, events_content, agreements_content]


class Command(BaseCommand):
    help = "Load (or refresh) the programme's organisations, editions, missions and agreements."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--demo",
            "--sample-b2b",
            dest="demo",
            action="store_true",
            help="Also load the demonstration edition: an invented Week with invented "
            "delegates, requests and a schedule, labelled as such on every page, for trying "
            "the programme and B2B pages; never in production.",
        )

    def handle(self, *args, **options) -> None:
        # The demonstration loads its programme edition first, then its B2B sample.
        loaders = [*LOADERS, b2b_demo] if options["demo"] else LOADERS
        with transaction.atomic():
            for module in loaders:
                module.load()
                self.stdout.write(f"Loaded {module.__name__}")
        self.stdout.write(self.style.SUCCESS("Content loaded."))
