"""cleaner: turn messy Chinese government documents into clean, canonical UTF-8 text.

>>> import cleaner
>>> cleaner.clean_text("扫描上面二维码加QQ好友,获得更多文稿实用素材\\n各位代表：").text
'各位代表：\\n'
"""

__version__ = "0.1.0"

from cleaner.change import Change, Flag
from cleaner.config import CleanConfig
from cleaner.pipeline import Cleaner, CleanResult, clean_bytes, clean_text

__all__ = ["Change", "CleanConfig", "CleanResult", "Cleaner", "Flag", "__version__",
           "clean_bytes", "clean_text"]
