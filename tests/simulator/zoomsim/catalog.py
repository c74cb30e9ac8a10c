# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""Static reference data the dataset generator draws from (countries, cities, names, carriers)."""

from collections import namedtuple

# area: the digits after the country code that start a local number; nsn: the length of the
# national significant number (everything after the country code), so numbers have real lengths.
City = namedtuple("City", "name state state_code areas nsn zip_pattern streets")
Country = namedtuple("Country", "code name dial weight cities tollfree tollfree_nsn")

_US_STREETS = ("Almaden Blvd", "Market St", "Broadway", "Main St", "Congress Ave", "Pine St")

COUNTRIES = (
    Country("US", "United States", "1", 45, (
        City("San Jose", "California", "CA", ("408", "669"), 10, "951##", _US_STREETS),
        City("New York", "New York", "NY", ("212", "646"), 10, "100##", _US_STREETS),
        City("Chicago", "Illinois", "IL", ("312", "773"), 10, "606##", _US_STREETS),
        City("Austin", "Texas", "TX", ("512", "737"), 10, "787##", _US_STREETS),
        City("Seattle", "Washington", "WA", ("206",), 10, "981##", _US_STREETS),
        City("Denver", "Colorado", "CO", ("303", "720"), 10, "802##", _US_STREETS),
    ), ("800", "833", "844", "855", "866", "877", "888"), 10),
    Country("CA", "Canada", "1", 8, (
        City("Toronto", "Ontario", "ON", ("416", "647"), 10, "M5V #A#", ("King St W", "Bay St", "Queen St E")),
        City("Vancouver", "British Columbia", "BC", ("604", "778"), 10, "V6B #K#", ("Granville St", "Robson St")),
    ), ("800", "888"), 10),
    Country("GB", "United Kingdom", "44", 15, (
        City("London", "England", "ENG", ("20",), 10, "EC#A #NE", ("Old Street", "Fleet Street", "Baker Street")),
        City("Manchester", "England", "ENG", ("161",), 10, "M# #AB", ("Deansgate", "Oxford Road")),
        City("Edinburgh", "Scotland", "SCT", ("131",), 10, "EH# #QA", ("Princes Street", "George Street")),
    ), ("800", "808"), 10),
    Country("DE", "Germany", "49", 10, (
        City("Berlin", "Berlin", "BE", ("30",), 10, "10###", ("Friedrichstraße", "Unter den Linden")),
        City("Munich", "Bavaria", "BY", ("89",), 10, "80###", ("Leopoldstraße", "Maximilianstraße")),
        City("Hamburg", "Hamburg", "HH", ("40",), 10, "20###", ("Jungfernstieg", "Mönckebergstraße")),
    ), ("800",), 10),
    Country("AU", "Australia", "61", 8, (
        City("Sydney", "New South Wales", "NSW", ("2",), 9, "20##", ("George St", "Pitt St")),
        City("Melbourne", "Victoria", "VIC", ("3",), 9, "30##", ("Collins St", "Bourke St")),
        City("Brisbane", "Queensland", "QLD", ("7",), 9, "40##", ("Queen St", "Adelaide St")),
    ), ("1800",), 10),
    Country("FR", "France", "33", 8, (
        City("Paris", "Île-de-France", "IDF", ("1",), 9, "750##", ("Rue de Rivoli", "Avenue de l'Opéra")),
        City("Lyon", "Auvergne-Rhône-Alpes", "ARA", ("4",), 9, "690##", ("Rue de la République", "Quai Saint-Antoine")),
    ), ("800",), 9),
    Country("JP", "Japan", "81", 6, (
        City("Tokyo", "Tokyo", "13", ("3",), 9, "1##-####", ("Marunouchi", "Shibuya")),
        City("Osaka", "Osaka", "27", ("6",), 9, "53#-####", ("Umeda", "Namba")),
    ), ("120",), 9),
)

COUNTRY_BY_CODE = {country.code: country for country in COUNTRIES}

FIRST_NAMES = (
    "Maria", "James", "Aisha", "Wei", "Sofia", "Liam", "Priya", "Noah", "Fatima", "Lucas",
    "Yuki", "Olivia", "Mateo", "Chloe", "Arjun", "Emma", "Kwame", "Hannah", "Diego", "Mei",
    "José", "Zoë", "Søren", "Łukasz", "Siobhán", "Ahmed", "Ingrid", "Tomás", "Nadia", "Kenji",
    "Elena", "Omar", "Grace", "Ravi", "Amelie", "Samuel", "Leila", "Henrik", "Chiara", "Ben",
)
LAST_NAMES = (
    "Garcia", "Smith", "Khan", "Zhang", "Rossi", "Murphy", "Patel", "Müller", "Nguyen", "Silva",
    "Tanaka", "Johnson", "O'Brien", "Kowalski", "Dubois", "Andersen", "Okafor", "Schmidt", "Lee", "Costa",
    "Fernández", "Novak", "Ivanova", "Yamamoto", "Brown", "Haddad", "Larsen", "Moreau", "Singh", "Walker",
)

QUEUE_NAMES = ("Sales", "Support", "Billing", "Help Desk", "Reception", "IT Service Desk", "Claims", "Returns")
AREA_NAMES = ("Lobby", "Break Room", "Reception Desk", "Warehouse", "Conference Room", "Front Entrance")
ROOM_NAMES = ("Huddle Room", "Board Room", "Training Room", "Town Hall")
SITE_SUFFIXES = ("HQ", "Office", "Branch", "Campus", "Hub", "Center")

# Carrier codes as the BYOC carrier object carries them; the names are real BYOC partners.
CARRIERS = ((1, "Bandwidth"), (2, "Lumen"), (5, "Twilio"), (7, "Vonage"), (9, "BT"), (11, "Telstra"))
SIP_GROUP_NAMES = ("SBC Primary", "SBC Secondary", "Legacy PBX Trunk", "DR Trunk")
ADDRESS_LINE2 = ("Floor 1", "Floor 3", "Suite 200", "Building B", "Unit 7")
