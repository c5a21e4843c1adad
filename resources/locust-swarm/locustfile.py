# The load each Locust worker process generates: a few users, each asking the target
# (-H, the scenario's nginx) for two pages with a short pause, so a swarm on a shared
# 2-core machine stays light. Edit it and `flotilla push locust_master locust_worker`
# to swap it on a running fleet.
import locust.stats
from locust import HttpUser, constant, task

# Locust writes its CSV stats every second but flushes them to disk only every 10 s: flushed each
# second, the stats history is there for the dashboard's live figures as Locust writes it.
locust.stats.CSV_STATS_FLUSH_INTERVAL_SEC = 1


class Visitor(HttpUser):
    wait_time = constant(0.1)

    @task(3)
    def home(self):
        self.client.get("/")

    @task(1)
    def about(self):
        self.client.get("/about")
