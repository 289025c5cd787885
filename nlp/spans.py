"""A found entity span before it has an id (``_Span``), and the Latin-name words both
recognisers read: organisation suffixes, lower-case connectors, common English given names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Last words that make a name an organisation whatever the model said.
_ORG_SUFFIXES = frozenset(
    """Inc Inc. Ltd Ltd. LLC Corp Corp. Corporation Company Co Co. Group Holdings Holding Bank
    Technologies Technology Tech Labs Lab Research Analytics Systems Solutions Capital Partners
    Ventures Media News Agency Authority Ministry Commission Council Committee University Institute
    Foundation Fund Association Union Party Times Post Journal Telegraph Herald Tribune Gazette
    Press Network Networks Airlines Airways Energy Petroleum Motors Pharma Pharmaceuticals Insights
    Data Digital Security Software Robotics Industries Exchange Board Office Court Service Services
    Trust Institute Centre Center Club Federation Organization Organisation Department Agency
    Consulting Consultancy Studios Games Bancorp Investments Investment PLC plc AG SA GmbH Pay Payments
    Wallet Finance Financial Fintech Insurance Health Healthcare Medical Bio Biotech Genomics Therapeutics
    Diagnostics Foods Food Beverages Water Power Solar Renewables Oil Gas Chemicals Steel Mining Auto
    Mobility Logistics Shipping Freight Aviation Telecom Mobile Communications Cloud AI Shield Cyber Monitor
    Watch Stream Retail Stores Mart Realty Properties Developments Construction Engineering Advisors Legal
    Grid Textiles Hotels Resorts Travel Academy Airline Motors Audio Video Music Entertainment Films
    Pictures Records Publishing Brands Fashion Apparel Cosmetics Beauty Semiconductors Electronics
    Farms Farm Dairy Agri Agritech Foods Bakeries Poultry Fisheries Cement Rail Railways Ports Marine
    United FC""".split()
)
_LOWER_CONNECTORS = frozenset({"of", "and", "for", "de", "al", "el", "bin", "von", "der", "van", "the", "&"})
_WS_ONLY = re.compile(r"[\s\"'«»“”()\[\],،-]*")


@dataclass
class _Span:
    start: int
    end: int
    label: str
    id: str | None = None
    name: str | None = None
    source: str = "rule"  # "gaz", "model", "rule", "latin", "lexicon"
_EN_GIVEN = frozenset(
    """Mark John James David Michael Richard Robert Thomas William Peter Paul George Joseph Steven
    Daniel Andrew Christopher Brian Kevin Jason Eric Scott Frank Henry Charles Jack Nick Alex
    Alexander Aleksandr Matthew Adam Ben Sam Tim Tom Jeff Bill Larry Sergey Vladimir Ivan Maria Anna
    Emma Elizabeth Sarah Jennifer Linda Carole Laura Julia Sophie Claire Helen Catherine Rachel
    Michelle Mohammed Mohamed Ahmed Ali Omar Khaled Sara Fatima Layla Karim Youssef Hassan Hussein
    Sami Rami Nadia Rania Dina Lina Omar Tariq Faisal Fahd Salman Yasmin Hana Lucas Oliver Harry
    Nadine Leila Laila Layla Mona Noor Nour Salma Huda Reem Amal Yousef Youssef Mustafa Mostafa
    Ibrahim Ismail Hamid Hamza Idris Khalil Karim Walid Ziad Nabil Samir Hisham Tarek Adel Emad
    Ingrid Greta Julian Victor Marcus Peter Martin Simon Anne Marie Sophia Olivia Lucy Grace""".split()
)
