import sys

from givefirst.cli import main

sys.exit(main())
