import sys

from plan_graph.console import main

sys.exit(main())
