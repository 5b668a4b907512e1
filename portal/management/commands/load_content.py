"""Load the programme's content from the seeds; running it again changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from agreements import content as agreements_content
from events import content as events_content
from matchmaking import content as b2b_content
from portal import content as portal_content
from programme import content as programme_content

# In dependency order: each app's content refers to what the earlier ones loaded.
LOADERS = [portal_content, programme_content, events_content, agreements_content]


class Command(BaseCommand):
    help = "Load (or refresh) the programme's organisations, editions, missions and agreements."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--sample-b2b",
            action="store_true",
            help="Also load the invented B2B sample (delegates, requests, a schedule) for trying "
            "the matchmaking pages; never in production.",
        )

    def handle(self, *args, **options) -> None:
        loaders = [*LOADERS, b2b_content] if options["sample_b2b"] else LOADERS
        with transaction.atomic():
            for module in loaders:
                module.load()
                self.stdout.write(f"Loaded {module.__name__}")
        self.stdout.write(self.style.SUCCESS("Content loaded."))
