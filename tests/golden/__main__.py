from tests.golden import REPO, regenerate

for path in regenerate():
    print(path.relative_to(REPO))
