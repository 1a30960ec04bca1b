import sys

from newsstance.training.train import main

sys.exit(main())
