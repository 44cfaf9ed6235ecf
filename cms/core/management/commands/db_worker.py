"""django-tasks' database worker, which first runs the start-up hooks (cms/core/worker.py),
so work a previous worker left unfinished is queued again before taking tasks."""

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from cms.core.worker import run_startup_hooks


class Command(DBWorkerCommand):
    help = DBWorkerCommand.help + ", after running the start-up hooks (unfinished work)."

    def handle(self, *args, **options):
        for name, result in run_startup_hooks().items():
            if isinstance(result, Exception):
                self.stderr.write(f"Start-up hook {name} failed: {result}")
            elif options.get("verbosity", 1) >= 1:
                self.stdout.write(f"Start-up hook {name}: {result}")
        return super().handle(*args, **options)
