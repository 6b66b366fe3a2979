#pragma once
int two();
