import sys

from newsstance.eval.run import main

sys.exit(main())
